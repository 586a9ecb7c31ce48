package app.hearth.adapters.calls.config;

import app.hearth.adapters.calls.liveness.LivenessPayloads;
import app.hearth.adapters.calls.liveness.LivenessProperties;
import app.hearth.adapters.calls.liveness.LivenessSharing;
import app.hearth.adapters.calls.liveness.SharedLivenessBoard;
import app.hearth.adapters.shared.notify.PgNotifications;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The calls' heartbeat board across nodes (adr/0022, adr/0025): {@link SharedLivenessBoard} (the {@code LivenessBoard}
 * port) in this node's memory, shared with the other nodes by {@link LivenessSharing} over LISTEN/NOTIFY.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LivenessProperties.class)
public class CallLivenessConfiguration {

    /** The {@code LivenessBoard} port. */
    @Bean
    SharedLivenessBoard livenessBoard(LivenessProperties properties) {
        return new SharedLivenessBoard(properties.retention(), System::nanoTime);
    }

    @Bean
    LivenessSharing livenessSharing(SharedLivenessBoard board, PgNotifications notifications,
                                    LivenessProperties properties, JsonMapper json) {
        return new LivenessSharing(board, notifications, new LivenessPayloads(json), properties.shareInterval());
    }
}
