package app.hearth.adapters.shared.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When a segment counts as stalled (ADR 0045): not moving while events wait, and nothing else. */
class StallWatchTest {

    static final long SECOND = 1_000_000_000L;

    final StallWatch watch = new StallWatch();

    @Test
    void aBusyProcessorThatMovesBetweenSamplesNeverWaitsHoweverFarBehind() {
        for (int sample = 0; sample < 1_000; sample++) {
            // 5 s apart, 10,000 events behind, one event further each time
            assertThat(watch.observe("p/0", sample, 10_000, sample * 5 * SECOND)).isZero();
        }
    }

    @Test
    void aSegmentThatKeepsItsPositionWhileEventsWaitWaitsFromTheFirstSampleThatSawIt() {
        assertThat(watch.observe("p/0", 7, 3, 100 * SECOND)).isZero();
        assertThat(watch.observe("p/0", 7, 4, 160 * SECOND)).isEqualTo(Duration.ofSeconds(60));
        assertThat(watch.observe("p/0", 7, 9, 221 * SECOND)).isEqualTo(Duration.ofSeconds(121));
        // it moves: the clock starts again
        assertThat(watch.observe("p/0", 8, 8, 222 * SECOND)).isZero();
        assertThat(watch.observe("p/0", 8, 8, 230 * SECOND)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void anIdleProcessorHandedAnEventHasNotWaited() {
        // at the head for an hour
        assertThat(watch.observe("p/0", 50, 0, 0)).isZero();
        assertThat(watch.observe("p/0", 50, 0, 3_600 * SECOND)).isZero();
        // an event arrives: the wait starts now, not an hour ago
        assertThat(watch.observe("p/0", 50, 1, 3_605 * SECOND)).isZero();
        assertThat(watch.observe("p/0", 50, 1, 3_610 * SECOND)).isEqualTo(Duration.ofSeconds(5));
        // handled
        assertThat(watch.observe("p/0", 51, 0, 3_615 * SECOND)).isZero();
    }

    @Test
    void segmentsWaitEachOnTheirOwnAndAreForgottenWhenGone() {
        watch.observe("p/0", 1, 5, 0);
        watch.observe("p/1", 1, 5, 0);
        assertThat(watch.observe("p/0", 1, 5, 10 * SECOND)).isEqualTo(Duration.ofSeconds(10));
        assertThat(watch.observe("p/1", 2, 4, 10 * SECOND)).isZero();
        watch.retainOnly(Set.of("p/1"));
        assertThat(watch.observe("p/0", 1, 5, 20 * SECOND)).isZero();
    }

    @Test
    void aReplayThatMovesBackwardsIsMovement() {
        watch.observe("p/0", 900, 100, 0);
        assertThat(watch.observe("p/0", 0, 1_000, 10 * SECOND)).isZero();
        assertThat(watch.observe("p/0", 300, 700, 20 * SECOND)).isZero();
    }
}
