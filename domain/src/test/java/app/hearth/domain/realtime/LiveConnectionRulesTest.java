package app.hearth.domain.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveConnectionRulesTest {

    static final Instant NOW = Instant.parse("2026-12-09T10:00:00Z");

    @Test
    void aNodeHeardOfWithinSixtySecondsIsAliveAndOneNotRefreshedForSixtySecondsIsGone() {
        assertThat(LiveConnectionRules.alive(NOW, NOW)).isTrue();
        assertThat(LiveConnectionRules.alive(NOW.minusSeconds(15), NOW)).isTrue();
        assertThat(LiveConnectionRules.alive(NOW.minusSeconds(59).minusMillis(999), NOW)).isTrue();
        assertThat(LiveConnectionRules.alive(NOW.minusSeconds(60), NOW)).isFalse();
        assertThat(LiveConnectionRules.alive(NOW.minusSeconds(3600), NOW)).isFalse();
        assertThat(LiveConnectionRules.alive(null, NOW)).isFalse();
    }

    @Test
    void fourMissedHeartbeatsMakeANodeGone() {
        Instant last = NOW.minus(LiveConnectionRules.HEARTBEAT_EVERY.multipliedBy(3));
        assertThat(LiveConnectionRules.alive(last, NOW)).as("three missed").isTrue();
        assertThat(LiveConnectionRules.alive(NOW.minus(LiveConnectionRules.HEARTBEAT_EVERY.multipliedBy(4)), NOW))
                .as("four missed").isFalse();
    }

    @Test
    void aUserIsConnectedWhenAnyOfTheirNodesIsAlive() {
        assertThat(LiveConnectionRules.connected(List.of(), NOW)).isFalse();
        assertThat(LiveConnectionRules.connected(List.of(NOW.minusSeconds(61)), NOW)).isFalse();
        assertThat(LiveConnectionRules.connected(List.of(NOW.minusSeconds(61), NOW.minusSeconds(5)), NOW)).isTrue();
    }
}
