package app.hearth.application.push;

import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** Sends a high-priority FCM data message for an incoming call. Never throws: failures are outcomes. */
@SecondaryPort
public interface DataMessageSender {

    PushOutcome send(String fcmToken, IncomingCall call);
}
