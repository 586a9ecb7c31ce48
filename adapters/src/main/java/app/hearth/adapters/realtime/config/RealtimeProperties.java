package app.hearth.adapters.realtime.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code hearth.realtime.*}: the WebSocket endpoint and the NOTIFY fan-out between nodes (adr/0025).
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
 */
@ConfigurationProperties("hearth.realtime")
public record RealtimeProperties(@DefaultValue List<String> allowedOrigins,
                                 @DefaultValue("PT10S") Duration sendTimeLimit,
                                 @DefaultValue("512KB") DataSize bufferSizeLimit,
                                 @DefaultValue("8KB") DataSize maxClientMessageSize,
                                 @DefaultValue("PT25S") Duration pingInterval,
                                 @DefaultValue("PT75S") Duration idleTimeout,
                                 @DefaultValue("PT5S") Duration sweepInterval,
                                 @DefaultValue Notifications notifications) {

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
