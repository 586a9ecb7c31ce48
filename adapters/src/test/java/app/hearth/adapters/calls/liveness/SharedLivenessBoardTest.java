package app.hearth.adapters.calls.liveness;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.adapters.calls.liveness.SharedLivenessBoard.Beats;
import app.hearth.application.calls.LivenessBoard.Seen;
import app.hearth.domain.calls.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SharedLivenessBoardTest {

    private static final Instant T = Instant.parse("2026-11-24T12:00:00.123456789Z");

    private final AtomicLong nanos = new AtomicLong();
    private final SharedLivenessBoard board = new SharedLivenessBoard(Duration.ofMinutes(10), nanos::get);

    @Test
    void aBeatIsSeenExactlyAndPerSide() {
        assertThat(board.seen("c1")).isEmpty();
        board.beat("c1", Side.MEMBER, T);
        assertThat(board.seen("c1")).contains(new Seen(T, null));
        board.beat("c1", Side.COMPANION, T.plusSeconds(3));
        assertThat(board.seen("c1")).contains(new Seen(T, T.plusSeconds(3)));
        assertThat(board.seen("c2")).isEmpty();
    }

    @Test
    void momentsNeverMoveBackwards() {
        board.beat("c1", Side.MEMBER, T.plusSeconds(10));
        board.beat("c1", Side.MEMBER, T);
        assertThat(board.seen("c1").orElseThrow().memberSeenAt()).isEqualTo(T.plusSeconds(10));
        board.merge(List.of(new Beats("c1", T.plusSeconds(5), T.minusSeconds(1))));
        assertThat(board.seen("c1")).contains(new Seen(T.plusSeconds(10), T.minusSeconds(1)));
        board.merge(List.of(new Beats("c1", T.plusSeconds(11), null)));
        assertThat(board.seen("c1")).contains(new Seen(T.plusSeconds(11), T.minusSeconds(1)));
    }

    @Test
    void unsharedHandsOutEachLocalBeatOnceAndNeverAPeersBeat() {
        board.beat("c1", Side.MEMBER, T);
        board.beat("c1", Side.MEMBER, T.plusSeconds(1));
        board.beat("c2", Side.COMPANION, T);
        board.merge(List.of(new Beats("c3", T, T)));
        assertThat(board.unshared()).containsExactlyInAnyOrder(new Beats("c1", T.plusSeconds(1), null),
                new Beats("c2", null, T));
        assertThat(board.unshared()).isEmpty();

        board.beat("c1", Side.COMPANION, T.plusSeconds(2));
        assertThat(board.unshared()).containsExactly(new Beats("c1", null, T.plusSeconds(2)));
        // an older local beat than what is known is no news: nothing to share
        board.beat("c1", Side.COMPANION, T);
        assertThat(board.unshared()).isEmpty();
    }

    @Test
    void aForgottenCallIsGoneAndPeersLateSharesOfItAreIgnoredUntilRetention() {
        board.beat("c1", Side.MEMBER, T);
        board.forget("c1");
        assertThat(board.seen("c1")).isEmpty();
        assertThat(board.unshared()).isEmpty();
        board.merge(List.of(new Beats("c1", T.plusSeconds(1), null)));
        assertThat(board.seen("c1")).isEmpty();

        nanos.addAndGet(Duration.ofMinutes(11).toNanos());
        board.evict();
        board.merge(List.of(new Beats("c1", T.plusSeconds(2), null)));
        assertThat(board.seen("c1")).contains(new Seen(T.plusSeconds(2), null));
    }

    @Test
    void entriesUntouchedForTheRetentionAreEvicted() {
        board.beat("old", Side.MEMBER, T);
        nanos.addAndGet(Duration.ofMinutes(6).toNanos());
        board.beat("busy", Side.MEMBER, T);
        board.merge(List.of(new Beats("shared", T, null)));
        nanos.addAndGet(Duration.ofMinutes(5).toNanos());
        board.beat("busy", Side.COMPANION, T);

        assertThat(board.evict()).isEqualTo(1);
        assertThat(board.seen("old")).isEmpty();
        assertThat(board.seen("busy")).isPresent();
        assertThat(board.seen("shared")).isPresent();
        assertThat(board.size()).isEqualTo(2);
    }

    @Test
    void concurrentBeatsKeepTheLatestMomentAndLoseNoShare() throws Exception {
        int threads = 8;
        int beatsEach = 20_000;
        var start = new CountDownLatch(1);
        var shared = new ArrayList<Beats>();
        var sharing = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                synchronized (shared) {
                    shared.addAll(board.unshared());
                }
            }
        });
        sharing.start();
        try (var pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < beatsEach; i++) {
                        String call = "call-" + (i % 50);
                        board.beat(call, thread % 2 == 0 ? Side.MEMBER : Side.COMPANION,
                                T.plusNanos((long) i * threads + thread));
                    }
                    return null;
                });
            }
            start.countDown();
        }
        sharing.interrupt();
        sharing.join();
        shared.addAll(board.unshared());

        for (int c = 0; c < 50; c++) {
            String call = "call-" + c;
            // the last i with i % 50 == c, and the highest thread of each parity
            long lastI = beatsEach - 50 + c;
            Instant member = T.plusNanos(lastI * threads + (threads - 2));
            Instant companion = T.plusNanos(lastI * threads + (threads - 1));
            assertThat(board.seen(call)).contains(new Seen(member, companion));
            // whatever raced with a share, the latest moment of each side was shared at some point
            assertThat(shared.stream().filter(b -> b.callId().equals(call)).map(Beats::memberSeenAt))
                    .contains(member);
            assertThat(shared.stream().filter(b -> b.callId().equals(call)).map(Beats::companionSeenAt))
                    .contains(companion);
        }
    }
}
