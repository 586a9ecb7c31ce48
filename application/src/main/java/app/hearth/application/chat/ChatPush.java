package app.hearth.application.chat;

import app.hearth.application.devices.DeviceRegistry;
import app.hearth.application.push.Alert;
import app.hearth.application.push.AlertSender;
import app.hearth.application.push.NotificationSettingsStore;
import app.hearth.application.push.PushOutcome;
import app.hearth.application.realtime.LiveConnections;
import app.hearth.domain.chat.PushPreview;
import app.hearth.domain.devices.Device;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Pushes a newly stored message to its recipient when they have no live connection on any node (adr/0049): one
 * alert to each of their devices with an FCM token (Android, and iOS through FCM's APNs delivery), titled with the
 * sender's name, the text shortened to 100 characters (or "New message" when they chose no preview), collapsed and
 * grouped by conversation, opening {@code hearth://conversations/{id}}.
 *
 * <p>Called after the message's commit, never for a retried one; it returns at once and never throws: the work runs
 * on a small bounded pool (full: the push is dropped and logged). At most one push per recipient and conversation
 * every {@code quietFor} on this node (in memory): the first message of a burst is pushed, the next ones are only
 * collapsed into the conversation the app shows when opened. A token the provider refuses for good is removed.
 */
public class ChatPush implements AutoCloseable {

    private static final System.Logger log = System.getLogger(ChatPush.class.getName());
    private static final int PRUNE_EVERY = 1_000;

    /** The deep link of a conversation. */
    public static String deepLinkFor(String conversationId) {
        return "hearth://conversations/" + conversationId;
    }

    /**
     * @param quietFor      after a push, no other to the same recipient for the same conversation for this long
     * @param threads       pushes sent at once
     * @param queueCapacity pushes waiting for a thread before new ones are dropped
     */
    public record Settings(Duration quietFor, int threads, int queueCapacity) {
        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(30), 4, 10_000);
    }

    private final LiveConnections live;
    private final DeviceRegistry devices;
    private final AlertSender alerts;
    private final NotificationSettingsStore settings;
    private final LongSupplier nanoTime;
    private final long quietNanos;
    private final ThreadPoolExecutor executor;
    /** When this node last pushed to a recipient for a conversation (nanoTime), by "recipient\nconversation". */
    private final Map<String, Long> lastPushed = new ConcurrentHashMap<>();
    private final AtomicLong acquired = new AtomicLong();

    public ChatPush(LiveConnections live, DeviceRegistry devices, AlertSender alerts,
                    NotificationSettingsStore settings, Settings limits) {
        this(live, devices, alerts, settings, limits, System::nanoTime);
    }

    ChatPush(LiveConnections live, DeviceRegistry devices, AlertSender alerts, NotificationSettingsStore settings,
             Settings limits, LongSupplier nanoTime) {
        this.live = live;
        this.devices = devices;
        this.alerts = alerts;
        this.settings = settings;
        this.nanoTime = nanoTime;
        this.quietNanos = limits.quietFor().toNanos();
        var threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(limits.threads(), limits.threads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(limits.queueCapacity()), task -> {
                    Thread thread = new Thread(task, "hearth-chat-push-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.executor.allowCoreThreadTimeOut(true);
    }

    /**
     * A message was stored (committed) for {@code recipientId}, sent by {@code senderName}: pushes it if they are
     * absent, later, on another thread. Returns at once; never throws.
     */
    public void messageStored(String recipientId, String senderName, Chat.Message message) {
        try {
            String key = recipientId + "\n" + message.conversationId();
            long now = nanoTime.getAsLong();
            if (!acquire(key, now)) {
                return;
            }
            try {
                executor.execute(() -> push(key, now, recipientId, senderName, message));
            } catch (RejectedExecutionException full) {
                lastPushed.remove(key, now);
                log.log(System.Logger.Level.WARNING, "chat push dropped (the push queue is full): message {0} of "
                        + "conversation {1} to {2}", message.seq(), message.conversationId(), recipientId);
            }
        } catch (RuntimeException unexpected) {
            log.log(System.Logger.Level.ERROR, "a chat push could not be queued", unexpected);
        }
    }

    /** Takes the recipient's turn for this conversation, unless this node pushed it less than quietFor ago. */
    private boolean acquire(String key, long now) {
        if (acquired.incrementAndGet() % PRUNE_EVERY == 0) {
            lastPushed.entrySet().removeIf(entry -> now - entry.getValue() >= quietNanos);
        }
        var took = new boolean[1];
        lastPushed.compute(key, (ignored, last) -> {
            if (last != null && now - last < quietNanos) {
                return last;
            }
            took[0] = true;
            return now;
        });
        return took[0];
    }

    private void push(String key, long turn, String recipientId, String senderName, Chat.Message message) {
        try {
            if (live.isConnected(recipientId)) {
                lastPushed.remove(key, turn); // not pushed: the next message may be, once they are gone
                return;
            }
            Alert alert = alert(senderName, message,
                    settings.pushPreview(recipientId).orElse(true));
            int sent = 0;
            int removed = 0;
            int failed = 0;
            for (Device device : devices.list(recipientId)) {
                if (device.fcmToken() == null) {
                    continue;
                }
                switch (safely(device.fcmToken(), alert)) {
                    case PushOutcome.Sent ignored -> sent++;
                    case PushOutcome.TokenRejected rejected -> {
                        try {
                            devices.forgetFcmToken(recipientId, device.deviceId(), device.fcmToken());
                        } catch (RuntimeException notForgotten) {
                            log.log(System.Logger.Level.ERROR, "chat push: could not remove the dead FCM token of "
                                    + "device " + device.deviceId() + " of " + recipientId, notForgotten);
                            failed++;
                            continue;
                        }
                        removed++;
                        log.log(System.Logger.Level.INFO, "chat push: FCM refused the token of device {0} of {1} "
                                + "({2}); token removed", device.deviceId(), recipientId, rejected.reason());
                    }
                    case PushOutcome.Failed failure -> {
                        failed++;
                        log.log(System.Logger.Level.WARNING, "chat push to device {0} of {1} failed ({2}); token "
                                + "kept", device.deviceId(), recipientId, failure.reason());
                    }
                }
            }
            log.log(System.Logger.Level.DEBUG, "conversation {0}, message {1}: pushed to {2}: {3} sent, {4} removed, "
                    + "{5} failed", message.conversationId(), message.seq(), recipientId, sent, removed, failed);
        } catch (RuntimeException broken) {
            log.log(System.Logger.Level.WARNING, "chat push of message " + message.seq() + " of conversation "
                    + message.conversationId() + " to " + recipientId + " failed", broken);
        }
    }

    private PushOutcome safely(String token, Alert alert) {
        try {
            return alerts.send(token, alert);
        } catch (RuntimeException unexpected) {
            return new PushOutcome.Failed(unexpected.toString());
        }
    }

    /** The alert for {@code message}: the sender's name, the text as the recipient wants it shown, the deep link. */
    static Alert alert(String senderName, Chat.Message message, boolean preview) {
        String conversationId = message.conversationId();
        String link = deepLinkFor(conversationId);
        return new Alert(senderName == null || senderName.isBlank() ? "Hearth" : senderName,
                PushPreview.body(message.text(), preview), conversationId, conversationId, link,
                Map.of("type", "chat_message", "deepLink", link, "conversationId", conversationId,
                        "seq", Long.toString(message.seq())));
    }

    /** Lets queued pushes finish for a few seconds, then stops. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
