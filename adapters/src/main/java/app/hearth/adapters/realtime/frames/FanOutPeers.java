package app.hearth.adapters.realtime.frames;

import app.hearth.adapters.shared.notify.PgNotifications;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells the operator when nodes on one database cannot pass frames to each other (adr/0046). Every node says once,
 * on channel {@value #CHANNEL}, which fan-out it uses ({@code {"node": ..., "fanOut": "local"}}), again after its
 * LISTEN connection was reopened, and answers each node it hears of for the first time, so that a node started later
 * learns about the others too. One notification per node and start, never per frame.
 *
 * <p>A node in {@code local} mode that hears of another node, or a node in {@code redis} mode that hears of one in
 * {@code local} mode, logs a warning once per peer: frames sent through {@code UserFrames} on one of them never reach
 * the other's connections.
 */
public final class FanOutPeers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FanOutPeers.class);

    public static final String CHANNEL = "hearth_nodes";

    private final PgNotifications notifications;
    private final String fanOut;
    private final JsonMapper json;
    private final Map<String, String> peers = new ConcurrentHashMap<>();
    private final Set<String> outOfReach = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService timer;
    private long announcedOn;

    /** @param fanOut this node's mode, {@code local} or {@code redis} */
    public FanOutPeers(PgNotifications notifications, String fanOut, JsonMapper json) {
        this.notifications = notifications;
        this.fanOut = fanOut;
        this.json = json;
        notifications.subscribe(CHANNEL, this::heard);
    }

    /** The other nodes heard of so far, by node id, with their fan-out. */
    public Map<String, String> peers() {
        return Map.copyOf(peers);
    }

    /** The nodes heard of whose connections frames sent here do not reach (or from which none reach here). */
    public Set<String> outOfReach() {
        return Set.copyOf(outOfReach);
    }

    private void announce() {
        notifications.publish(CHANNEL, json.writeValueAsString(
                Map.of("node", notifications.nodeId(), "fanOut", fanOut)));
    }

    private void heard(String payload) {
        JsonNode hello = json.readTree(payload);
        String node = hello.path("node").asString("");
        String theirs = hello.path("fanOut").asString("");
        if (node.isEmpty() || peers.putIfAbsent(node, theirs) != null) {
            return;
        }
        announce(); // so that a node started after this one hears of it
        if ("local".equals(fanOut)) {
            outOfReach.add(node);
            log.warn("Another Hearth node ({}, fan-out {}) uses this database, but hearth.realtime.fan-out is local on "
                    + "this node: frames sent through UserFrames here reach only this node's connections (call "
                    + "signals and heartbeats still cross nodes by NOTIFY). Several nodes need "
                    + "hearth.realtime.fan-out=redis on every node (README, adr/0046).", node, theirs);
        } else if (!fanOut.equals(theirs)) {
            outOfReach.add(node);
            log.warn("Another Hearth node ({}) uses this database with hearth.realtime.fan-out={}, this one with {}: "
                    + "frames and call signals between the two are lost. Set hearth.realtime.fan-out=redis on every "
                    + "node (README, adr/0046).", node, theirs, fanOut);
        } else {
            log.info("another Hearth node ({}) shares the frames' fan-out ({})", node, theirs);
        }
    }

    /** Announces this node each time a new LISTEN connection is open (the first one, and after a failure). */
    private void tick() {
        long generation = notifications.listeningGeneration();
        if (generation != 0 && generation != announcedOn) {
            announcedOn = generation;
            announce();
        }
    }

    @Override
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("hearth-fanout-peers").factory());
        timer.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                log.debug("announcing this node failed: {}", e.toString());
            }
        }, 0, 1, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        timer = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }

    @Override
    public int getPhase() {
        return notifications.getPhase() + 1;
    }
}
