package app.hearth.application.push;

import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** Sends an APNs VoIP push (it wakes the iOS app into CallKit). Never throws: failures are outcomes. */
@SecondaryPort
public interface VoipPushSender {

    PushOutcome send(String apnsVoipToken, IncomingCall call);
}
