package app.hearth.adapters.push.apns;

import app.hearth.application.push.IncomingCall;
import app.hearth.application.push.PushOutcome;
import app.hearth.application.push.VoipPushSender;
import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.util.SimpleApnsPayloadBuilder;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * APNs VoIP pushes through Pushy: push type voip, topic {@code <bundleId>.voip}, immediate priority, expiring when
 * the ringing ends. BadDeviceToken, Unregistered and DeviceTokenNotForTopic mean the token is dead; anything else
 * (5xx, throttling, a timeout, a broken connection) is a failure that keeps it.
 */
public class PushyVoipPushSender implements VoipPushSender, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PushyVoipPushSender.class);
    static final Set<String> DEAD_TOKEN = Set.of("BadDeviceToken", "Unregistered", "DeviceTokenNotForTopic");

    private final ApnsClient client;
    private final String topic;
    private final Duration timeout;

    public PushyVoipPushSender(ApnsClient client, String bundleId, Duration timeout) {
        this.client = client;
        this.topic = bundleId + ".voip";
        this.timeout = timeout;
    }

    @Override
    public PushOutcome send(String apnsVoipToken, IncomingCall call) {
        String payload = new SimpleApnsPayloadBuilder()
                .addCustomProperty("type", "incoming_call")
                .addCustomProperty("callId", call.callId())
                .addCustomProperty("kind", call.kind())
                .addCustomProperty("callerName", call.callerDisplayName())
                .addCustomProperty("deepLink", call.deepLink())
                .build();
        var notification = new SimpleApnsPushNotification(apnsVoipToken, topic, payload, call.expiresAt(),
                DeliveryPriority.IMMEDIATE, PushType.VOIP);
        try {
            PushNotificationResponse<SimpleApnsPushNotification> response = client.sendNotification(notification)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response.isAccepted()) {
                log.debug("APNs accepted VoIP push {} for call {}", response.getApnsId(), call.callId());
                return new PushOutcome.Sent(String.valueOf(response.getApnsId()));
            }
            String reason = response.getRejectionReason().orElse("unknown");
            String said = "APNs " + response.getStatusCode() + " " + reason;
            return DEAD_TOKEN.contains(reason) ? new PushOutcome.TokenRejected(said) : new PushOutcome.Failed(said);
        } catch (ExecutionException failure) {
            return new PushOutcome.Failed("APNs unreachable: " + failure.getCause());
        } catch (TimeoutException late) {
            return new PushOutcome.Failed("APNs did not answer within " + timeout);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new PushOutcome.Failed("interrupted");
        }
    }

    @Override
    public void close() throws Exception {
        client.close().get(10, TimeUnit.SECONDS);
    }
}
