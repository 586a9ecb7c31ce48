package app.hearth.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.adapters.access.jooq.LedgerStaffActionsProjection;
import app.hearth.adapters.earnings.jooq.EarningsProjection;
import app.hearth.support.Api;
import app.hearth.support.HearthNode;
import app.hearth.support.Projections;
import app.hearth.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeing it run (issue 15, point 7; ADR 0045), on a node of its own (its own database: no other node may move its
 * processors) with short limits (sampled every 0.2 s, stalled after 2 s) and structured JSON logs (ECS, the one
 * property): each event processor's health and gauges report its lag and its parked dead letters; a processor that
 * is shut down, or blocked by a lock, while events wait is DOWN and the whole health with it, and UP again once it
 * moves; a command shows in the command and append timers; a request's W3C trace reaches the stored event's
 * metadata and the log lines of the processors that handle it, unsampled as it is.
 */
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIT {

    static final String DATABASE = TestDatabase.another("observe");
    static final String EARNINGS = EarningsProjection.PROCESSING_GROUP;
    static final String TRAIL = LedgerStaffActionsProjection.PROCESSING_GROUP;
    static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static final HearthNode NODE = HearthNode.on(DATABASE).withWebServer().unthrottled().with(
            "--hearth.observability.processors.sample-interval=PT0.2S",
            "--hearth.observability.processors.stalled-after=PT2S",
            "--logging.structured.format.console=ecs",
            "--logging.level.app.hearth.adapters.shared.observability=debug");

    static JdbcTemplate jdbc;
    static Api admin;

    @BeforeAll
    static void signIn() {
        jdbc = NODE.bean(JdbcTemplate.class);
        admin = NODE.api().signedInAs("observer", "admin");
    }

    @Test
    void aProcessorThatStopsOrIsBlockedWhileEventsWaitIsDownAndUpAgainOnceItMoves() throws Exception {
        String companion = "stuck-" + UUID.randomUUID();
        open(companion);
        Projections.awaitCaughtUp(jdbc, EARNINGS);
        awaitProcessor(EARNINGS, "UP", details -> assertThat(details.get("lag").asLong()).isZero());
        // anonymous callers see the status alone
        var anonymous = NODE.api().get("/actuator/health");
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.body().get("status").asString()).isEqualTo("UP");
        assertThat(anonymous.body().has("components")).isFalse();
        assertThat(NODE.api().get("/actuator/health/eventProcessors").status()).isEqualTo(404);

        // shut down on the only node: events wait, the token does not move
        EventProcessor processor = NODE.bean(EventProcessingConfiguration.class).eventProcessor(EARNINGS).orElseThrow();
        processor.shutDown();
        try {
            correct(companion, "stop-1", 5, "while stopped");
            awaitProcessor(EARNINGS, "DOWN", details -> {
                assertThat(details.get("lag").asLong()).isEqualTo(1);
                assertThat(details.get("runningHere").asBoolean()).isFalse();
                assertThat(details.get("reason").asString()).startsWith("no progress for PT");
            });
            var whole = NODE.api().get("/actuator/health");
            assertThat(whole.status()).isEqualTo(503);
            assertThat(whole.body().get("status").asString()).isEqualTo("DOWN");
        } finally {
            processor.start();
        }
        awaitProcessor(EARNINGS, "UP", details -> assertThat(details.get("lag").asLong()).isZero());
        assertThat(NODE.api().get("/actuator/health").status()).isEqualTo(200);

        // running, but its writes wait for a lock another session holds
        try (Connection blocker = DriverManager.getConnection(DATABASE, TestDatabase.USER, "")) {
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("lock table earnings_entry in exclusive mode");
            correct(companion, "lock-1", 7, "while blocked");
            awaitProcessor(EARNINGS, "DOWN", details -> {
                assertThat(details.get("lag").asLong()).isEqualTo(1);
                assertThat(details.get("runningHere").asBoolean()).isTrue();
                assertThat(details.get("segments").get(0).get("here").asBoolean()).isTrue();
            });
            blocker.rollback();
        }
        awaitProcessor(EARNINGS, "UP", details -> assertThat(details.get("lag").asLong()).isZero());
    }

    @Test
    void parkedDeadLettersAreCountedAndLeaveTheProcessorUp() {
        String companion = "parked-" + UUID.randomUUID();
        open(companion);
        Projections.awaitCaughtUp(jdbc, TRAIL);
        String constraint = "test_observe_" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.execute("alter table staff_action add constraint " + constraint + " check (reason <> 'poison-"
                + constraint + "') not valid");
        try {
            correct(companion, "p-" + constraint, 10, "poison-" + constraint);
            correct(companion, "q-" + constraint, 5, "queued behind the poison");
            Projections.awaitCaughtUp(jdbc, TRAIL);
            awaitProcessor(TRAIL, "UP", details -> {
                assertThat(details.get("deadLetters").asLong()).isEqualTo(2);
                assertThat(details.get("deadLetterSequences").asLong()).isEqualTo(1);
                assertThat(details.get("lag").asLong()).isZero();
            });
            assertThat(gauge(scrape(), "hearth_event_processor_dead_letters", TRAIL)).isEqualTo(2.0);
        } finally {
            jdbc.execute("alter table staff_action drop constraint " + constraint);
        }
    }

    @Test
    void prometheusHasEachProcessorsLagAndDeadLettersAndTheCommandAndAppendLatencies() {
        String companion = "scraped-" + UUID.randomUUID();
        open(companion);
        correct(companion, "s-1", 3, "a correction to time");
        Projections.awaitCaughtUp(jdbc, EARNINGS);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(gauge(scrape(), "hearth_event_processor_lag", EARNINGS)).isZero());

        String metrics = scrape();
        for (String processor : List.of(EARNINGS, TRAIL, "wallet-read-model", "call-read-model")) {
            assertThat(gauge(metrics, "hearth_event_processor_lag", processor)).isGreaterThanOrEqualTo(0);
            assertThat(gauge(metrics, "hearth_event_processor_dead_letters", processor)).isGreaterThanOrEqualTo(0);
        }
        assertThat(value(metrics, "hearth_command_seconds_count\\{command=\"EarningsCommand.OpenEarningsAccount\","
                + "outcome=\"success\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "hearth_command_seconds_sum\\{command=\"EarningsCommand.CorrectBalance\","
                + "outcome=\"success\"}")).isPositive();
        assertThat(value(metrics, "hearth_event_store_append_seconds_count\\{outcome=\"success\"}"))
                .isGreaterThanOrEqualTo(2);
        assertThat(value(metrics, "hearth_event_store_append_seconds_sum\\{outcome=\"success\"}")).isPositive();

        // admins only
        assertThat(NODE.api().get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(NODE.api().signedInAs("c-" + companion, "companion").get("/actuator/prometheus").status())
                .isEqualTo(403);
    }

    @Test
    void aRequestsTraceReachesItsEventsAndTheLogsOfTheProcessorsThatHandleThem(CapturedOutput output) {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String parent = "00f067aa0ba902b7";
        String companion = "traced-" + UUID.randomUUID();
        // sampled-flag 00: not sampled, and the ids must be there all the same
        var opened = admin.withHeader("traceparent", "00-" + traceId + "-" + parent + "-00")
                .post("/api/v1/companions/" + companion + "/earnings", null);
        assertThat(opened.status()).isEqualTo(201);

        String stored = jdbc.queryForObject("select convert_from(meta_data, 'UTF8')::jsonb ->> 'traceparent'"
                + " from domain_event_entry where aggregate_identifier = ?", String.class, "earnings:" + companion);
        assertThat(stored).startsWith("00-" + traceId + "-").doesNotContain(parent).endsWith("-00");

        // a correction in the same trace, which the staff trail handles as well
        var corrected = admin.withHeader("traceparent", "00-" + traceId + "-" + parent + "-00")
                .withHeader("Idempotency-Key", "traced-" + companion)
                .post("/api/v1/companions/" + companion + "/earnings/corrections",
                        Map.of("coins", 4, "reason", "a traced correction"));
        assertThat(corrected.status()).isEqualTo(201);

        // each projection's handling logs a JSON line (ECS) with the request's trace id
        for (String processor : List.of(EARNINGS, TRAIL)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jsonLines(output).stream()
                    .filter(line -> line.path("message").asString("").startsWith(processor + " handles "))
                    .filter(line -> traceId.equals(traceIdOf(line)))).isNotEmpty());
        }
    }

    /** ECS puts the MDC at the top level of each line: {@code traceId}, {@code spanId}. */
    private static String traceIdOf(JsonNode line) {
        return line.path("traceId").asString(null);
    }

    private static List<JsonNode> jsonLines(CapturedOutput output) {
        return output.getOut().lines().filter(line -> line.startsWith("{")).map(JSON::readTree).toList();
    }

    private static void open(String companion) {
        assertThat(admin.post("/api/v1/companions/" + companion + "/earnings", null).status()).isEqualTo(201);
    }

    private static void correct(String companion, String key, long coins, String reason) {
        assertThat(admin.withHeader("Idempotency-Key", key + "-" + companion).post("/api/v1/companions/" + companion
                + "/earnings/corrections", Map.of("coins", coins, "reason", reason)).status()).isEqualTo(201);
    }

    private static void awaitProcessor(String processor, String status,
                                       java.util.function.Consumer<JsonNode> details) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            var health = admin.get("/actuator/health/eventProcessors/" + processor);
            assertThat(health.body().get("status").asString()).as(health.raw().body()).isEqualTo(status);
            details.accept(health.body().get("details"));
        });
    }

    private static String scrape() {
        var scraped = admin.get("/actuator/prometheus");
        assertThat(scraped.status()).isEqualTo(200);
        return scraped.raw().body();
    }

    private static double gauge(String metrics, String name, String processor) {
        return value(metrics, name + "\\{processor=\"" + Pattern.quote(processor) + "\"}");
    }

    private static double value(String metrics, String series) {
        Matcher found = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(metrics);
        assertThat(found.find()).as(series + " in\n" + metrics).isTrue();
        return Double.parseDouble(found.group(1));
    }
}
