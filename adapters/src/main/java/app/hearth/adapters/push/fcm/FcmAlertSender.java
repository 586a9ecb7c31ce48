package app.hearth.adapters.push.fcm;

import app.hearth.application.push.Alert;
import app.hearth.application.push.AlertSender;
import app.hearth.application.push.PushOutcome;
import com.google.firebase.FirebaseApp;
import com.google.firebase.messaging.AndroidConfig;
import com.google.firebase.messaging.AndroidNotification;
import com.google.firebase.messaging.ApnsConfig;
import com.google.firebase.messaging.Aps;
import com.google.firebase.messaging.ApsAlert;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.MessagingErrorCode;
import com.google.firebase.messaging.Notification;

/**
 * Visible alerts as FCM HTTP v1 messages through firebase-admin: a {@code notification} (title, body), collapsed on
 * Android ({@code android.collapse_key} and {@code android.notification.tag}) and on iOS ({@code apns-collapse-id}
 * header, {@code aps.thread-id}), with the alert's data. FCM delivers it to an iOS app through APNs with the app's
 * FCM token. Dead tokens as {@link FcmDataMessageSender} tells them.
 */
public class FcmAlertSender implements AlertSender, AutoCloseable {

    private final FirebaseApp app;
    private final FirebaseMessaging messaging;

    /** Sends through {@code app}'s messaging, and deletes the app when closed. */
    public FcmAlertSender(FirebaseApp app) {
        this.app = app;
        this.messaging = FirebaseMessaging.getInstance(app);
    }

    @Override
    public void close() {
        app.delete();
    }

    @Override
    public PushOutcome send(String fcmToken, Alert alert) {
        try {
            return new PushOutcome.Sent(messaging.send(message(fcmToken, alert)));
        } catch (FirebaseMessagingException refused) {
            MessagingErrorCode code = refused.getMessagingErrorCode();
            String said = "FCM " + (code != null ? code : refused.getErrorCode()) + ": " + refused.getMessage();
            return FcmDataMessageSender.deadToken(refused) ? new PushOutcome.TokenRejected(said)
                    : new PushOutcome.Failed(said);
        } catch (RuntimeException broken) {
            return new PushOutcome.Failed("FCM: " + broken);
        }
    }

    static Message message(String fcmToken, Alert alert) {
        return Message.builder()
                .setToken(fcmToken)
                .setNotification(Notification.builder().setTitle(alert.title()).setBody(alert.body()).build())
                .putAllData(alert.data())
                .setAndroidConfig(AndroidConfig.builder()
                        .setPriority(AndroidConfig.Priority.HIGH)
                        .setCollapseKey(alert.collapseKey())
                        .setNotification(AndroidNotification.builder().setTag(alert.collapseKey()).build())
                        .build())
                .setApnsConfig(ApnsConfig.builder()
                        .putHeader("apns-collapse-id", alert.collapseKey())
                        .setAps(Aps.builder()
                                .setAlert(ApsAlert.builder().setTitle(alert.title()).setBody(alert.body()).build())
                                .setThreadId(alert.threadId())
                                .setSound("default")
                                .build())
                        .build())
                .build();
    }
}
