package app.hearth.adapters.calls.liveness;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hearth.calls.liveness.*}: how the heartbeat board is shared between nodes (adr/0022, adr/0025).
 *
 * @param shareInterval how often a node publishes the beats it received since its last share
 * @param retention     a call nobody beat for this long leaves the board (and a forgotten call's tombstone goes)
 */
@ConfigurationProperties("hearth.calls.liveness")
public record LivenessProperties(@DefaultValue("PT2S") Duration shareInterval,
                                 @DefaultValue("PT10M") Duration retention) {
}
