package app.hearth.adapters.realtime.redis;

import app.hearth.adapters.realtime.frames.FrameFanOut;
import app.hearth.adapters.shared.notify.PgNotifications;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.json.JsonMapper;

/**
 * Frames between nodes over one Redis pub/sub channel (adr/0046), with Spring Data Redis on Lettuce.
 *
 * <ul>
 *   <li><b>Publishing</b> never blocks its caller and never throws: {@link #publish} puts the frame in a bounded
 *   queue; one daemon thread takes whatever is queued and sends it as one Redis message per batch (at most
 *   {@code batchSize} frames and about {@code batchBytes}). A full queue drops the frame. When Redis fails, the
 *   batch is dropped and nothing is tried for a back-off ({@code retryMin} doubled up to {@code retryMax}); frames
 *   queued meanwhile are dropped rather than delivered late. Every drop is counted
 *   ({@code hearth.realtime.fanout.dropped{reason}}) and logged at most every 10 s.</li>
 *   <li><b>The message</b> is text: a line {@code hearth-frames/1 <node id>}, then per frame a line with the JSON
 *   array of its user ids and a line with the frame's JSON as written once by the sender.</li>
 *   <li><b>Receiving</b>: a {@link RedisMessageListenerContainer} subscribes to the channel (one thread makes the
 *   subscription, again with the same back-off while it cannot be made, Redis down at start included; Lettuce
 *   reconnects a lost connection and subscribes again by itself) and hands each message, in order, to one delivery thread, which gives every frame to this node's
 *   connections of its users. A node ignores its own messages by their node id.</li>
 * </ul>
 *
 * <p>Best effort and at most once, as every real-time delivery (adr/0025): what is published while a node is not
 * subscribed never reaches it.
 */
public final class RedisFrames implements FrameFanOut, MessageListener, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RedisFrames.class);

    static final String HEADER = "hearth-frames/1 ";
    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    /** Hands a frame to this node's open connections of a user (none: nothing happens); the number reached. */
    @FunctionalInterface
    public interface Connections {
        int deliver(String userId, String message);
    }

    /**
     * @param channel       the pub/sub channel
     * @param queueCapacity frames waiting to be published; beyond it new ones are dropped
     * @param batchSize     most frames in one message
     * @param batchBytes    most characters in one message (a larger frame goes alone)
     * @param retryMin      first pause after a failure; doubled after each further failure
     * @param retryMax      longest pause
     */
    public record Settings(String channel, int queueCapacity, int batchSize, int batchBytes, Duration retryMin,
                           Duration retryMax) {
    }

    private record Outgoing(String users, String message) {
    }

    private final String nodeId;
    private final String header;
    private final RedisConnectionFactory redis;
    private final StringRedisTemplate template;
    private final Settings settings;
    private final Connections connections;
    private final JsonMapper json;
    private final boolean active;
    private final BlockingQueue<Outgoing> outbox;
    private final MeterRegistry meters;
    private final Counter published;
    private final Counter received;
    private final AtomicLong droppedSinceLog = new AtomicLong();
    private final AtomicLong lastDropLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    private volatile boolean running;
    private Thread publisher;
    private Thread subscriber;
    private final Object pauses = new Object();
    private ExecutorService delivery;
    private volatile RedisMessageListenerContainer subscription;
    // the publisher thread's own state
    private long retryAt;
    private long backoffMillis;
    private boolean failing;

    /**
     * @param active whether this node publishes and subscribes at all (a command-line run does neither)
     */
    public RedisFrames(RedisConnectionFactory redis, Settings settings, Connections connections, JsonMapper json,
                       boolean active, MeterRegistry meters) {
        this.nodeId = newNodeId();
        this.header = HEADER + nodeId + "\n";
        this.redis = redis;
        this.template = new StringRedisTemplate(redis);
        this.settings = settings;
        this.connections = connections;
        this.json = json;
        this.active = active;
        this.outbox = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.meters = meters;
        this.backoffMillis = settings.retryMin().toMillis();
        if (meters != null) {
            this.published = meters.counter("hearth.realtime.fanout.published");
            this.received = meters.counter("hearth.realtime.fanout.received");
            meters.gauge("hearth.realtime.fanout.queued", outbox, BlockingQueue::size);
            meters.gauge("hearth.realtime.fanout.subscribed", this, frames -> frames.subscribed() ? 1 : 0);
        } else {
            this.published = null;
            this.received = null;
        }
    }

    private static String newNodeId() {
        byte[] bytes = new byte[8];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** This node's id in its messages (random per run). */
    public String nodeId() {
        return nodeId;
    }

    /** Whether the subscription to the channel was made (Lettuce renews it by itself after a lost connection). */
    public boolean subscribed() {
        RedisMessageListenerContainer container = subscription;
        return container != null && container.isRunning() && container.isListening();
    }

    // --- publishing --------------------------------------------------------------------------------------------------

    @Override
    public boolean publish(Collection<String> userIds, String message) {
        try {
            if (userIds == null || userIds.isEmpty() || message == null) {
                return false;
            }
            if (!running) {
                dropped(active ? "stopped" : "inactive", 1);
                return false;
            }
            // valid JSON holds a line break only between tokens, where it may go: one frame stays one line
            String line = message.indexOf('\n') < 0 ? message : message.replace("\n", "");
            if (!outbox.offer(new Outgoing(json.writeValueAsString(userIds), line))) {
                dropped("queue_full", 1);
                return false;
            }
            return true;
        } catch (RuntimeException e) {
            dropped("error", 1);
            log.warn("a frame could not be queued for the other nodes: {}", e.toString());
            return false;
        }
    }

    private void publishLoop() {
        var batch = new ArrayList<Outgoing>(settings.batchSize());
        while (running || !outbox.isEmpty()) {
            try {
                Outgoing first = outbox.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                outbox.drainTo(batch, settings.batchSize() - 1);
                send(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                dropped("error", batch.size());
                log.warn("{} frames for the other nodes were dropped: {}", batch.size(), e.toString());
            } finally {
                batch.clear();
            }
        }
    }

    private void send(List<Outgoing> batch) {
        var message = new StringBuilder(header);
        int frames = 0;
        for (Outgoing outgoing : batch) {
            int length = outgoing.users().length() + outgoing.message().length() + 2;
            if (frames > 0 && message.length() + length > settings.batchBytes()) {
                sendOne(message.toString(), frames);
                message.setLength(header.length());
                frames = 0;
            }
            message.append(outgoing.users()).append('\n').append(outgoing.message()).append('\n');
            frames++;
        }
        if (frames > 0) {
            sendOne(message.toString(), frames);
        }
    }

    private void sendOne(String message, int frames) {
        if (failing && System.nanoTime() - retryAt < 0) {
            dropped("redis_unavailable", frames);
            return;
        }
        try {
            template.convertAndSend(settings.channel(), message);
            if (published != null) {
                published.increment(frames);
            }
            if (failing) {
                failing = false;
                log.info("publishing frames on Redis channel {} again", settings.channel());
            }
            backoffMillis = settings.retryMin().toMillis();
        } catch (RuntimeException e) {
            dropped("redis_unavailable", frames);
            if (!failing) {
                log.warn("Redis refused or missed {} frames for the other nodes ({}); they are dropped, and so is "
                        + "everything for the next {} ms", frames,
                        NestedExceptionUtils.getMostSpecificCause(e).toString(), backoffMillis);
            }
            failing = true;
            retryAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMillis);
            backoffMillis = Math.min(backoffMillis * 2, settings.retryMax().toMillis());
        }
    }

    // --- receiving ---------------------------------------------------------------------------------------------------

    /** A message on the channel, from the delivery thread: every other node's frames to this node's connections. */
    @Override
    public void onMessage(Message message, byte[] pattern) {
        try {
            String text = new String(message.getBody(), StandardCharsets.UTF_8);
            int endOfHeader = text.indexOf('\n');
            if (!text.startsWith(HEADER) || endOfHeader < 0) {
                log.warn("a message on {} that is not Hearth's frames was ignored", settings.channel());
                return;
            }
            if (text.regionMatches(HEADER.length(), nodeId, 0, nodeId.length())
                    && endOfHeader == HEADER.length() + nodeId.length()) {
                return; // our own: this node's connections have had it
            }
            int frames = 0;
            int at = endOfHeader + 1;
            while (at < text.length()) {
                int endOfUsers = text.indexOf('\n', at);
                if (endOfUsers < 0) {
                    break;
                }
                int endOfFrame = text.indexOf('\n', endOfUsers + 1);
                if (endOfFrame < 0) {
                    endOfFrame = text.length();
                }
                String frame = text.substring(endOfUsers + 1, endOfFrame);
                for (String userId : json.readValue(text.substring(at, endOfUsers), String[].class)) {
                    connections.deliver(userId, frame);
                }
                frames++;
                at = endOfFrame + 1;
            }
            if (received != null) {
                received.increment(frames);
            }
        } catch (RuntimeException e) {
            log.warn("frames from another node could not be delivered: {}", e.toString());
        }
    }

    // --- lifecycle ---------------------------------------------------------------------------------------------------

    @Override
    public synchronized void start() {
        if (running || !active) {
            return;
        }
        running = true;
        delivery = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("hearth-frames-deliver").factory());
        publisher = Thread.ofPlatform().daemon().name("hearth-frames-publish").start(this::publishLoop);
        subscriber = Thread.ofPlatform().daemon().name("hearth-frames-subscribe").start(this::subscribeLoop);
    }

    /**
     * Makes the subscription, and makes it again whenever its container gives up; waits {@code retryMin} doubled up
     * to {@code retryMax} between attempts. Lettuce itself renews a made subscription after a lost connection.
     */
    private void subscribeLoop() {
        long backoff = settings.retryMin().toMillis();
        boolean failedBefore = false;
        while (running) {
            RedisMessageListenerContainer container = subscription;
            if (container != null && container.isRunning() && container.isListening()) {
                backoff = settings.retryMin().toMillis();
                pause(settings.retryMax().toMillis());
                continue;
            }
            if (container != null) {
                close(container);
                subscription = null;
            }
            container = newContainer();
            try {
                container.start(); // waits up to a second for the subscription
                subscription = container;
                if (failedBefore) {
                    log.info("subscribed to Redis channel {} again", settings.channel());
                    failedBefore = false;
                }
                pause(settings.retryMax().toMillis()); // checked again after that
            } catch (RuntimeException e) {
                close(container);
                if (!failedBefore) {
                    log.warn("cannot subscribe to Redis channel {} ({}); frames from other nodes miss this node's "
                            + "connections until it can, tried again with back-off", settings.channel(),
                            e.getMessage());
                }
                failedBefore = true;
                pause(backoff);
                backoff = Math.min(backoff * 2, settings.retryMax().toMillis());
            }
        }
    }

    private RedisMessageListenerContainer newContainer() {
        var backOff = new ExponentialBackOff(settings.retryMin().toMillis(), 2.0);
        backOff.setMaxInterval(settings.retryMax().toMillis());
        var container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis);
        container.setTaskExecutor(delivery);
        container.setRecoveryBackoff(backOff);
        container.setMaxSubscriptionRegistrationWaitingTime(1_000);
        container.addMessageListener(this, new ChannelTopic(settings.channel()));
        container.setBeanName("hearth-frames-subscription");
        container.afterPropertiesSet();
        return container;
    }

    private static void close(RedisMessageListenerContainer container) {
        try {
            container.stop();
            container.destroy();
        } catch (Exception e) {
            log.debug("closing a Redis subscription failed: {}", e.toString());
        }
    }

    private void pause(long millis) {
        synchronized (pauses) {
            if (!running) {
                return;
            }
            try {
                pauses.wait(Math.max(1, millis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        synchronized (pauses) {
            pauses.notifyAll();
        }
        PgNotifications.join(publisher, Duration.ofSeconds(3));
        PgNotifications.join(subscriber, Duration.ofSeconds(3));
        RedisMessageListenerContainer container = subscription;
        if (container != null) {
            close(container);
        }
        subscription = null;
        delivery.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before, and stops after, the components that send frames (their phases are higher). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }


    private void dropped(String reason, int count) {
        if (meters != null) {
            meters.counter("hearth.realtime.fanout.dropped", "reason", reason).increment(count);
        }
        long dropped = droppedSinceLog.addAndGet(count);
        long last = lastDropLog.get();
        long now = System.nanoTime();
        if (now - last >= LOG_EVERY_NANOS && lastDropLog.compareAndSet(last, now)) {
            droppedSinceLog.addAndGet(-dropped);
            log.warn("{} frames for the other nodes dropped in the last 10 s or so (latest reason: {}); their users' "
                    + "connections on other nodes miss them", dropped, reason);
        }
    }
}
