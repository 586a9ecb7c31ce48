package app.hearth.adapters.realtime.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TypingBudgetTest {

    @Test
    void aBurstOfFiveThenFiveASecond() {
        var budget = new RealtimeWebSocketHandler.Budget(5, 5);
        long t = System.nanoTime();
        int taken = 0;
        for (int i = 0; i < 20; i++) {
            taken += budget.take(t) ? 1 : 0;
        }
        assertThat(taken).isEqualTo(5);
        assertThat(budget.take(t + 100_000_000L)).isFalse(); // half a message back
        assertThat(budget.take(t + 200_000_000L)).isTrue();
        assertThat(budget.take(t + 200_000_000L)).isFalse();
        taken = 0;
        for (int i = 0; i < 20; i++) {
            taken += budget.take(t + 60_000_000_000L) ? 1 : 0; // a minute later: a full burst, no more
        }
        assertThat(taken).isEqualTo(5);
    }
}
