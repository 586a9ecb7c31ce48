package app.hearth.adapters.realtime.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code hearth.realtime.*}: the WebSocket endpoint, how frames reach the other nodes (adr/0046) and the NOTIFY
 * transport between nodes (adr/0025).
 *
 * @param allowedOrigins       browser origins allowed besides the application's own (patterns such as
 *                             {@code https://*.hearth.app}); native apps send no Origin and are not affected
 * @param sendTimeLimit        longest one send to a client may take before the connection is closed
 * @param bufferSizeLimit      most bytes that may wait for one slow connection before it is closed
 * @param maxClientMessageSize largest message a client may send
 * @param pingInterval         how often the server pings each connection
 * @param idleTimeout          a connection heard nothing from (no pong, no message) for this long is closed
 * @param sweepInterval        how often connections are checked for expired tokens, idleness and pings
 * @param notifications        the LISTEN connection and the NOTIFY publisher
 * @param fanOut               {@code local}: one node, frames delivered in process, no broker (Redis never
 *                             contacted); {@code redis}: several nodes, frames and call signals published on Redis
 * @param redis                the Redis publisher and subscription, when {@code fanOut} is {@code redis}
 */
@ConfigurationProperties("hearth.realtime")
public record RealtimeProperties(@DefaultValue List<String> allowedOrigins,
                                 @DefaultValue("PT10S") Duration sendTimeLimit,
                                 @DefaultValue("512KB") DataSize bufferSizeLimit,
                                 @DefaultValue("8KB") DataSize maxClientMessageSize,
                                 @DefaultValue("PT25S") Duration pingInterval,
                                 @DefaultValue("PT75S") Duration idleTimeout,
                                 @DefaultValue("PT5S") Duration sweepInterval,
                                 @DefaultValue Notifications notifications,
                                 @DefaultValue("local") FanOut fanOut,
                                 @DefaultValue Redis redis) {

    /** How frames for users reach the connections on other nodes (adr/0046). */
    public enum FanOut {
        /** One node: in process only; call signals and heartbeats still cross nodes by NOTIFY (adr/0025). */
        LOCAL,
        /** Several nodes: every frame, call signals included, published once on one Redis channel. */
        REDIS
    }

    /**
     * @param channel        the Redis pub/sub channel every node publishes on and subscribes to
     * @param queueCapacity  frames waiting to be published before new ones are dropped
     * @param batchSize      most frames in one published message
     * @param batchBytes     most bytes in one published message (a larger single frame goes alone)
     * @param retryMin       first pause after Redis failed, before publishing is tried again; doubled each time
     * @param retryMax       longest such pause (frames queued meanwhile are dropped); the subscription is
     *                       renewed with the same back-off when it cannot be made
     */
    public record Redis(@DefaultValue("hearth:frames") String channel,
                        @DefaultValue("10000") int queueCapacity,
                        @DefaultValue("200") int batchSize,
                        @DefaultValue("256KB") DataSize batchBytes,
                        @DefaultValue("PT0.25S") Duration retryMin,
                        @DefaultValue("PT5S") Duration retryMax) {
    }

    /**
     * @param pollTimeout      how long one wait for notifications lasts (and how quickly a stop is noticed)
     * @param probeAfter       an idle LISTEN connection is probed with {@code select 1} this often
     * @param reconnectMin     first wait before reopening a failed LISTEN connection, doubled each time
     * @param reconnectMax     longest such wait
     * @param queueCapacity    payloads waiting to be published before new ones are dropped
     * @param batchSize        most payloads published with one statement
     */
    public record Notifications(@DefaultValue("PT0.5S") Duration pollTimeout,
                                @DefaultValue("PT15S") Duration probeAfter,
                                @DefaultValue("PT0.25S") Duration reconnectMin,
                                @DefaultValue("PT15S") Duration reconnectMax,
                                @DefaultValue("20000") int queueCapacity,
                                @DefaultValue("500") int batchSize) {
    }
}
