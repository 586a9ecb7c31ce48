package app.hearth.application.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.domain.shared.RuleViolation;
import app.hearth.domain.shared.TransientConflict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one retry: only a transient conflict is tried again, as often as asked, with a pause before each. */
class RetryTest {

    private final List<Integer> pauses = new ArrayList<>();
    private final Retry.Pause recording = pauses::add;
    private int calls;

    @Test
    void aTransientConflictIsTriedAgainUntilTheWorkGoesThrough() {
        String done = Retry.onTransientConflict(8, () -> {
            if (++calls < 3) {
                throw new TransientConflict("raced");
            }
            return "done";
        }, recording);
        assertThat(done).isEqualTo("done");
        assertThat(calls).isEqualTo(3);
        assertThat(pauses).as("a pause before each next attempt").containsExactly(2, 3);
    }

    @Test
    void theLastAttemptsConflictGoesToTheCallerWithItsStableCode() {
        var last = new TransientConflict("still racing");
        assertThatThrownBy(() -> Retry.onTransientConflict(4, () -> {
            calls++;
            throw calls == 4 ? last : new TransientConflict("raced");
        }, recording)).isSameAs(last).isInstanceOfSatisfying(RuleViolation.class, conflict -> {
            assertThat(conflict.code()).isEqualTo("CONCURRENT_UPDATE").isEqualTo(TransientConflict.CODE);
            assertThat(conflict.category()).isEqualTo(RuleViolation.Category.CONFLICT);
        });
        assertThat(calls).isEqualTo(4);
    }

    @Test
    void oneAttemptMeansNoRetry() {
        assertThatThrownBy(() -> Retry.onTransientConflict(1, () -> {
            calls++;
            throw new TransientConflict("raced");
        }, recording)).isInstanceOf(TransientConflict.class);
        assertThat(calls).isOne();
        assertThat(pauses).isEmpty();
        assertThatThrownBy(() -> Retry.onTransientConflict(0, () -> "never", recording))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anyOtherFailureIsNotTriedAgain() {
        var businessConflict = RuleViolation.conflict("COMPANION_BUSY", "busy");
        assertThatThrownBy(() -> Retry.onTransientConflict(8, () -> {
            calls++;
            throw businessConflict;
        }, recording)).isSameAs(businessConflict);
        assertThatThrownBy(() -> Retry.onTransientConflict(8, () -> {
            calls++;
            throw new IllegalStateException("database down");
        }, recording)).isInstanceOf(IllegalStateException.class);
        assertThat(calls).isEqualTo(2);
    }

    @Test
    void anInterruptedPauseStopsWithTheConflictAndKeepsTheInterrupt() {
        try {
            assertThatThrownBy(() -> Retry.onTransientConflict(8, () -> {
                calls++;
                throw new TransientConflict("raced");
            }, next -> {
                throw new InterruptedException();
            })).isInstanceOf(TransientConflict.class);
            assertThat(calls).isOne();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void theRealPauseIsShortAndRandom() {
        long started = System.nanoTime();
        assertThat(Retry.onTransientConflict(3, () -> {
            if (++calls < 3) {
                throw new TransientConflict("raced");
            }
            return calls;
        })).isEqualTo(3);
        assertThat((System.nanoTime() - started) / 1_000_000).as("ms for two pauses").isLessThan(1_000);
    }
}
