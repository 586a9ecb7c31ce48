package app.hearth.deadlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.application.deadlines.DeadlineHandler;
import app.hearth.application.deadlines.Deadlines;
import app.hearth.application.shared.Transactions;
import app.hearth.support.HearthNode;
import app.hearth.support.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reliability test #8, durable deadlines: the deadline store is the database, not memory. 1,000 deadlines are set on
 * two nodes, both nodes stop (some deadlines fired before, most are due while nothing runs), a third node starts:
 * every deadline fires exactly once, within its due time + 10 s after a node is up again, and none is left.
 */
class DurableDeadlinesIT {

    static final String KIND = "probe";
    static final int DEADLINES = 1_000;
    static final TestClock CLOCK = TestClock.INSTANCE;

    /** Every firing, by key: one node's or another's, all in this JVM. */
    final Map<String, List<Instant>> fired = new ConcurrentHashMap<>();

    /** A deadline handler that only records that it fired (at the application's clock). */
    final DeadlineHandler probe = new DeadlineHandler() {
        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Optional<Instant> fire(String key, Instant due, Instant now) {
            fired.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(CLOCK.instant());
            return Optional.empty();
        }
    };

    HearthNode node() {
        return HearthNode.onTestDatabase().with(new TestClock.Initializer(),
                        context -> context.getBeanFactory().registerSingleton("probeDeadlineHandler", probe))
                .with("--hearth.deadlines.workers=2").start();
    }

    @Test
    void aThousandDeadlinesSurviveStoppingEveryNodeAndEachFiresOnceSoonAfterANodeIsBack() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        var dues = new ConcurrentHashMap<String, Instant>();
        var nodeA = node();
        var nodeB = node();
        try {
            var deadlines = nodeA.bean(Deadlines.class);
            var transactions = nodeA.bean(Transactions.class);
            Instant scheduledAt = CLOCK.instant();
            transactions.run(() -> {
                for (int i = 0; i < DEADLINES; i++) {
                    // spread over the next 60 s: a few fall due while the nodes run, most while none does
                    Instant due = scheduledAt.plusMillis(2_000 + i * 58L);
                    String key = run + "-" + i;
                    dues.put(key, due);
                    deadlines.schedule(KIND, key, due);
                }
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> fired.size() >= 10);
        } finally {
            nodeA.close();
            nodeB.close();
        }
        var firedBeforeTheStop = java.util.Set.copyOf(fired.keySet());
        assertThat(firedBeforeTheStop.size()).isLessThan(DEADLINES);

        CLOCK.advance(Duration.ofSeconds(90)); // every node is down while all the others fall due
        Instant up;
        try (var nodeC = node()) {
            up = CLOCK.instant();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> fired.size() == DEADLINES);
            assertThat(nodeC.bean(JdbcTemplate.class).queryForObject(
                    "SELECT count(*) FROM deadline WHERE kind = ?", Long.class, KIND)).isZero();
        }
        assertThat(fired.values()).allSatisfy(firings -> assertThat(firings).hasSize(1));
        for (var entry : fired.entrySet()) {
            Instant due = dues.get(entry.getKey());
            Instant firedAt = entry.getValue().getFirst();
            // fired while the first nodes ran: within 10 s of its due time; else within 10 s of due or node C's start
            Instant bound = firedBeforeTheStop.contains(entry.getKey()) || due.isAfter(up) ? due.plusSeconds(10)
                    : up.plusSeconds(10);
            assertThat(firedAt).as("deadline %s due %s", entry.getKey(), due).isAfterOrEqualTo(due)
                    .isBeforeOrEqualTo(bound);
        }
        System.out.printf("durable deadlines: %d set, %d fired before every node stopped, the rest within %d ms of "
                + "the new node being up%n", DEADLINES, firedBeforeTheStop.size(), Duration.between(up, fired.values()
                .stream().map(List::getFirst).max(Instant::compareTo).orElseThrow()).toMillis());
    }
}
