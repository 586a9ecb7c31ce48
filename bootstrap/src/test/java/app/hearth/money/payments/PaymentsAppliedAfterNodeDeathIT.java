package app.hearth.money.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.support.Api;
import app.hearth.support.HearthNode;
import app.hearth.support.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * ADR 0043: nothing recorded is ever left unapplied. On a database of its own:
 * <ol>
 *   <li>Node B (a JVM of its own, its applier off) answers 30 Stripe purchases: each 200 RECORDED, none applied;
 *       B is killed (SIGKILL) between record and apply. Node A, started afterwards, applies all 30 exactly once.</li>
 *   <li>Node B again, alone, its applier on in batches of 3, gets 40 purchases from 4 senders and is killed while
 *       it applies them. Node A, restarted, applies every notification B recorded exactly once: one fact APPLIED
 *       handed on once, one wallet movement each, nothing left RECORDED, the operators' lag back to 0.</li>
 * </ol>
 */
class PaymentsAppliedAfterNodeDeathIT {

    static final String DATABASE = TestDatabase.another("applierkill");
    static final String SECRET = "whsec_local_development_only";

    @Test
    void whatADeadNodeRecordedIsAppliedByAnotherExactlyOnce() throws Exception {
        String run = PaymentsItSupport.unique().substring(0, 10);
        String member = "killed-" + run;
        // node A first migrates the database and registers the member, then stops
        try (var nodeA = HearthNode.on(DATABASE).withWebServer().unthrottled().start()) {
            assertThat(nodeA.api().signedInAs(member, "member").put("/api/v1/me/profile", PaymentsItSupport.profile())
                    .status()).isEqualTo(201);
        }
        var firstEvents = PaymentsItSupport.stripePurchases(30, "evt_k1" + run + "x", "pi_k1" + run + "x", member);
        var secondEvents = PaymentsItSupport.stripePurchases(40, "evt_k2" + run + "x", "pi_k2" + run + "x", member);

        // 1. B records and answers, never applies, and dies
        Process nodeB = startNodeB(run + "-1", "--hearth.payments.applier.enabled=false");
        int portB = port;
        try {
            for (String event : firstEvents) {
                var answer = send(portB, event);
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.body().get("outcome").asString()).isEqualTo("RECORDED");
            }
        } finally {
            kill(nodeB);
        }
        try (var nodeA = HearthNode.on(DATABASE).start()) {
            JdbcTemplate jdbc = nodeA.bean(JdbcTemplate.class);
            // (A may already be applying: it started before these counts)
            assertThat(count(jdbc, "select count(*) from payment_inbox where provider_event_id like ?",
                    "evt_k1" + run + "%")).isEqualTo(30);
            PaymentsItSupport.awaitApplied(jdbc);
            assertAppliedOnce(jdbc, "evt_k1" + run + "%", "pi_k1" + run + "%", 30);
        }

        // 2. B applies alone and is killed while it does
        nodeB = startNodeB(run + "-2", "--hearth.payments.applier.batch=3");
        portB = port;
        var answered = new ArrayList<Future<Integer>>();
        try (var senders = Executors.newFixedThreadPool(4)) {
            for (String event : secondEvents) {
                int target = portB;
                answered.add(senders.submit(() -> {
                    try {
                        return send(target, event).status();
                    } catch (RuntimeException refused) {
                        return -1;
                    }
                }));
            }
            // kill it once it has answered some and applied some, not all
            var db = jdbc();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> count(db,
                    "select count(*) from payment_inbox where provider_event_id like ? and applied_at is not null",
                    "evt_k2" + run + "%") >= 3);
            kill(nodeB);
        }
        long ok = 0;
        for (var answer : answered) {
            if (answer.get() == 200) {
                ok++;
            }
        }
        JdbcTemplate db = jdbc();
        int recorded = count(db, "select count(*) from payment_inbox where provider_event_id like ?",
                "evt_k2" + run + "%");
        int leftByB = count(db, "select count(*) from payment_inbox where provider_event_id like ? "
                + "and outcome = 'RECORDED'", "evt_k2" + run + "%");
        System.out.printf("PaymentsAppliedAfterNodeDeathIT: B answered %d of 40 with 200, recorded %d, left %d "
                + "unapplied when killed%n", ok, recorded, leftByB);
        assertThat(recorded).as("every 200 is a recorded notification").isGreaterThanOrEqualTo((int) ok);
        try (var nodeA = HearthNode.on(DATABASE).withWebServer().start()) {
            JdbcTemplate jdbc = nodeA.bean(JdbcTemplate.class);
            PaymentsItSupport.awaitApplied(jdbc);
            assertAppliedOnce(jdbc, "evt_k2" + run + "%", "pi_k2" + run + "%", recorded);
            var lag = nodeA.api().signedInAs("ops-" + run, "admin").get("/api/v1/admin/payment-application");
            assertThat(lag.status()).isEqualTo(200);
            assertThat(lag.body().get("unapplied").asLong()).isZero();
            assertThat(lag.body().get("oldestUnappliedAgeSeconds").asLong()).isZero();
            assertThat(lag.body().get("lastAppliedAt").isNull()).isFalse();
            assertThat(count(jdbc, "select count(*) from domain_event_entry where aggregate_identifier = ? "
                    + "and payload_type = 'wallet.TokensPurchased'", "wallet:" + member)).isEqualTo(30 + recorded);
        }
    }

    private static void assertAppliedOnce(JdbcTemplate jdbc, String events, String intents, int expected) {
        assertThat(count(jdbc, "select count(*) from payment_inbox where provider_event_id like ? "
                + "and outcome = 'FACT_RECORDED' and applied_at is not null", events)).isEqualTo(expected);
        assertThat(count(jdbc, "select count(*) from payment_fact where transaction_id like ? "
                + "and status = 'APPLIED' and handed_on = 1", intents))
                .as("facts by status: %s", jdbc.queryForList("select status, handed_on, count(*) from payment_fact "
                        + "where transaction_id like ? group by 1, 2", intents))
                .isEqualTo(expected);
        assertThat(count(jdbc, "select count(*) from domain_event_entry where payload_type = 'wallet.TokensPurchased'"
                + " and convert_from(payload, 'UTF8') like ?", "%" + intents.replace("%", "") + "%")).isEqualTo(expected);
    }

    /** The signed event to node B, not waiting for anything after the answer. */
    private static Api.Response send(int port, String event) {
        return Api.at(port).withHeader("Stripe-Signature", Fixtures.stripeSignature(event, SECRET,
                java.time.Instant.now().getEpochSecond())).postRaw("/api/v1/webhooks/stripe", event);
    }

    private static int count(JdbcTemplate jdbc, String sql, Object... arguments) {
        return jdbc.queryForObject(sql, Integer.class, arguments);
    }

    private static JdbcTemplate jdbc() {
        return new JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(DATABASE,
                TestDatabase.USER, ""));
    }

    private int port;

    /** Node B in a JVM of its own on a free port, started (its log in target). */
    private Process startNodeB(String label, String... arguments) throws IOException {
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Path.of("target", "PaymentsAppliedAfterNodeDeathIT-node-b-" + label + ".log");
        var more = new ArrayList<>(List.of("--server.port=" + port, "--logging.level.app.hearth.bootstrap=info"));
        more.addAll(List.of(arguments));
        Process node = HearthNode.on(DATABASE).withWebServer().unthrottled().with(more.toArray(String[]::new))
                .startInOwnJvm(log);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(node.isAlive()).as("node B is running (see %s)", log.toAbsolutePath()).isTrue();
            return Files.exists(log) && Files.readString(log).contains("Started HearthApplication");
        });
        return node;
    }

    private static void kill(Process node) throws InterruptedException {
        node.destroyForcibly();
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
}
