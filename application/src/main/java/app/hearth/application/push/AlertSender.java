package app.hearth.application.push;

import org.jmolecules.architecture.hexagonal.SecondaryPort;

/**
 * Sends a visible alert to one FCM registration token: FCM shows it on Android and hands it to APNs for an iOS app
 * (the APNs VoIP token is for calls only). Never throws: failures are outcomes.
 */
@SecondaryPort
public interface AlertSender {

    PushOutcome send(String fcmToken, Alert alert);
}
