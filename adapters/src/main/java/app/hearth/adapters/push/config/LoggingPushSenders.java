package app.hearth.adapters.push.config;

import app.hearth.application.push.Alert;
import app.hearth.application.push.AlertSender;
import app.hearth.application.push.DataMessageSender;
import app.hearth.application.push.IncomingCall;
import app.hearth.application.push.PushOutcome;
import app.hearth.application.push.VoipPushSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What an off provider does: logs the push it would have sent and counts it as failed (nothing was delivered). */
public final class LoggingPushSenders {

    private static final Logger log = LoggerFactory.getLogger(LoggingPushSenders.class);

    private LoggingPushSenders() {
    }

    public static VoipPushSender voip() {
        return (token, call) -> skipped("APNs VoIP", token, call);
    }

    public static DataMessageSender data() {
        return (token, call) -> skipped("FCM", token, call);
    }

    public static AlertSender alerts() {
        return (token, alert) -> {
            log.info("FCM is off (hearth.push): would alert token {}…: \"{}\": \"{}\" (collapse key {}, {})",
                    token.substring(0, Math.min(8, token.length())), alert.title(), alert.body(), alert.collapseKey(),
                    alert.deepLink());
            return new PushOutcome.Failed("FCM is off");
        };
    }

    private static PushOutcome skipped(String provider, String token, IncomingCall call) {
        log.info("{} is off (hearth.push): would ring call {} ({}, from {}) on token {}…", provider, call.callId(),
                call.kind(), call.callerDisplayName(), token.substring(0, Math.min(8, token.length())));
        return new PushOutcome.Failed(provider + " is off");
    }
}
