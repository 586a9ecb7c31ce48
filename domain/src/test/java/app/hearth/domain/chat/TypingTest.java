package app.hearth.domain.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TypingTest {

    private static final Instant T0 = Instant.parse("2026-12-08T10:00:00Z");

    @Test
    void theFirstSignalIsAnnouncedAndLapsesSixSecondsLater() {
        Typing first = Typing.next(null, false, T0).orElseThrow();
        assertThat(first.expiresAt()).isEqualTo(T0.plusSeconds(6));
        assertThat(first.inForce(T0.plusMillis(5_999))).isTrue();
        assertThat(first.inForce(T0.plusSeconds(6))).isFalse();
    }

    @Test
    void aRepeatWithinTwoSecondsIsNotAnnouncedAndALaterOneIs() {
        Typing first = Typing.next(null, false, T0).orElseThrow();
        assertThat(Typing.next(first, false, T0.plusMillis(1_999))).isEmpty();
        Typing again = Typing.next(first, false, T0.plusSeconds(2)).orElseThrow();
        assertThat(again.expiresAt()).isEqualTo(T0.plusSeconds(8));
        // after a lapse, at once
        assertThat(Typing.next(first, false, T0.plusSeconds(7))).isPresent();
    }

    @Test
    void aStopIsAnnouncedOnlyWhileAStartIsInForceAndAStartAfterItGoesOutAtOnce() {
        assertThat(Typing.next(null, true, T0)).isEmpty();
        Typing first = Typing.next(null, false, T0).orElseThrow();
        Typing stop = Typing.next(first, true, T0.plusMillis(500)).orElseThrow();
        assertThat(stop.stopped()).isTrue();
        assertThat(stop.expiresAt()).isEqualTo(T0.plusMillis(500));
        assertThat(Typing.next(stop, true, T0.plusMillis(600))).isEmpty();
        assertThat(Typing.next(stop, false, T0.plusMillis(700))).isPresent();
        // nothing to stop once the start has lapsed
        assertThat(Typing.next(first, true, T0.plusSeconds(6))).isEmpty();
    }
}
