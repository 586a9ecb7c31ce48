package app.hearth.adapters.push.fcm;

import app.hearth.application.push.DataMessageSender;
import app.hearth.application.push.IncomingCall;
import app.hearth.application.push.PushOutcome;
import com.google.firebase.FirebaseApp;
import com.google.firebase.messaging.AndroidConfig;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.MessagingErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * FCM high-priority data messages through firebase-admin, living until the ringing ends. UNREGISTERED,
 * SENDER_ID_MISMATCH and an INVALID_ARGUMENT about the registration token mean the token is dead; anything else
 * (UNAVAILABLE, QUOTA_EXCEEDED, INTERNAL, a network failure, another bad request) is a failure that keeps it.
 */
public class FcmDataMessageSender implements DataMessageSender, AutoCloseable {

    private final FirebaseApp app;
    private final FirebaseMessaging messaging;
    private final Clock clock;

    /** Sends through {@code app}'s messaging, and deletes the app when closed. */
    public FcmDataMessageSender(FirebaseApp app, Clock clock) {
        this.app = app;
        this.messaging = FirebaseMessaging.getInstance(app);
        this.clock = clock;
    }

    @Override
    public void close() {
        app.delete();
    }

    @Override
    public PushOutcome send(String fcmToken, IncomingCall call) {
        long ttl = Math.max(0, Duration.between(clock.instant(), call.expiresAt()).toMillis());
        Message message = Message.builder()
                .setToken(fcmToken)
                .putAllData(Map.of("type", "incoming_call", "callId", call.callId(), "kind", call.kind(),
                        "callerName", call.callerDisplayName(), "deepLink", call.deepLink()))
                .setAndroidConfig(AndroidConfig.builder()
                        .setPriority(AndroidConfig.Priority.HIGH)
                        .setTtl(ttl)
                        .setCollapseKey("call-" + call.callId())
                        .build())
                .build();
        try {
            return new PushOutcome.Sent(messaging.send(message));
        } catch (FirebaseMessagingException refused) {
            MessagingErrorCode code = refused.getMessagingErrorCode();
            String said = "FCM " + (code != null ? code : refused.getErrorCode()) + ": " + refused.getMessage();
            return deadToken(refused) ? new PushOutcome.TokenRejected(said) : new PushOutcome.Failed(said);
        } catch (RuntimeException broken) {
            return new PushOutcome.Failed("FCM: " + broken);
        }
    }

    static boolean deadToken(FirebaseMessagingException refused) {
        MessagingErrorCode code = refused.getMessagingErrorCode();
        if (code == MessagingErrorCode.UNREGISTERED || code == MessagingErrorCode.SENDER_ID_MISMATCH) {
            return true;
        }
        String message = String.valueOf(refused.getMessage()).toLowerCase(Locale.ROOT);
        return code == MessagingErrorCode.INVALID_ARGUMENT && message.contains("registration token");
    }
}
