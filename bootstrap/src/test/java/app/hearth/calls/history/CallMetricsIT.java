package app.hearth.calls.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.adapters.calls.jooq.CallProjection;
import app.hearth.application.deadlines.Deadlines;
import app.hearth.bootstrap.HearthApplication;
import app.hearth.domain.calls.DeadlineKind;
import app.hearth.domain.calls.EndReason;
import app.hearth.domain.money.wallet.CallKind;
import app.hearth.support.Api;
import app.hearth.support.Projections;
import app.hearth.support.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The calls' Prometheus figures at {@code /actuator/prometheus} (admin token), in a context of its own on a database
 * of its own, so that every figure is exact: the gauges follow the read model (refreshed every 0.2 s here), the
 * orphan gauge reads 0 while the calls are healthy and counts a call left ringing for minutes, and the ended
 * counter neither misses a call nor counts one twice when the processor is reset and replays.
 */
@SpringBootTest(classes = HearthApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "hearth.calls.metrics-refresh=PT0.2S",
            "hearth.rate-limits.auth.capacity=1000000",
            "hearth.rate-limits.write.capacity=1000000",
            "hearth.rate-limits.read.capacity=1000000"
        })
@DirtiesContext
class CallMetricsIT {

    private static final String DATABASE = TestDatabase.another("callmetrics");
    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(\\{[^}]*})?\\s+(\\S+)$");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
    }

    @LocalServerPort
    int port;

    @Autowired
    EventStore store;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    Deadlines deadlines;

    private CallFeed.Writer feed() {
        return new CallFeed.Writer(store, deadlines);
    }

    @Test
    void prometheusShowsTheCallFiguresOfTheReadModel() {
        Api admin = Api.at(port).signedInAs("metrics-admin", "admin");
        assertThat(Api.at(port).signedInAs("metrics-member", "member").get("/actuator/prometheus").status())
                .isEqualTo(403);
        awaitFigures(admin, 0, 0, 0.0, 0, Map.of());

        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(30));
        feed().request("metrics-a", "ma", "ka", CallKind.AUDIO, t).accept(t.plusSeconds(2))
                .connect(t.plusSeconds(5)).prove(t.plusSeconds(65)).hangUp("ma", t.plusSeconds(105));
        feed().request("metrics-b", "mb", "kb", CallKind.VIDEO, t.plusSeconds(200)).accept(t.plusSeconds(202))
                .connect(t.plusSeconds(210)).prove(t.plusSeconds(240)).hangUp("kb", t.plusSeconds(260));
        feed().request("metrics-c", "mc", "ka", CallKind.AUDIO, t.plusSeconds(300))
                .accept(t.plusSeconds(301)).connect(t.plusSeconds(303))
                .expire(DeadlineKind.HEARTBEAT_LOSS, t.plusSeconds(348));
        feed().request("metrics-d", "md", "kb", CallKind.AUDIO, t.plusSeconds(400))
                .decline(t.plusSeconds(401));
        // two days ago: counted as ended, outside the last 24 h of the ratio and the average
        Instant old = t.minus(Duration.ofDays(2));
        feed().request("metrics-old", "mo", "ka", CallKind.AUDIO, old).accept(old.plusSeconds(1))
                .connect(old.plusSeconds(2)).prove(old.plusSeconds(40))
                .extend(old.plusSeconds(3600), old.plusSeconds(60)).prove(old.plusSeconds(1000))
                .hangUp("mo", old.plusSeconds(1002));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);
        var live = feed().request("metrics-live", "ml", "kl", CallKind.AUDIO, now);
        Projections.awaitCaughtUp(jdbc, CallProjection.PROCESSING_GROUP);

        // connected in the last 24 h: a (100 s, completed), b (50 s, completed), c (lost, 0 s after its last proof)
        Map<String, Double> ended = Map.of("HUNG_UP_BY_MEMBER", 2.0, "HUNG_UP_BY_COMPANION", 1.0,
                "CONNECTION_LOST", 1.0, "DECLINED", 1.0);
        awaitFigures(admin, 1, 0, 2.0 / 3, 50, ended);

        var orphan = feed().request("metrics-orphan", "mx", "kx", CallKind.AUDIO,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(5)));
        Projections.awaitCaughtUp(jdbc, CallProjection.PROCESSING_GROUP);
        awaitFigures(admin, 2, 1, 2.0 / 3, 50, ended);

        orphan.expire(DeadlineKind.RING, orphan.events.getFirst().at().plusSeconds(45));
        live.cancel(now.plusSeconds(2));
        Projections.awaitCaughtUp(jdbc, CallProjection.PROCESSING_GROUP);
        Map<String, Double> allEnded = new LinkedHashMap<>(ended);
        allEnded.put("MISSED", 1.0);
        allEnded.put("CANCELLED", 1.0);
        awaitFigures(admin, 0, 0, 2.0 / 3, 50, allEnded);

        TrackingEventProcessor processor = processing.eventProcessor(CallProjection.PROCESSING_GROUP,
                TrackingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        assertThat(jdbc.queryForObject("select count(*) from call_ended_count", Long.class)).isZero();
        processor.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> !processor.isReplaying()
                && jdbc.queryForObject("select count(*) from call_view where ended_at is not null", Long.class) == 7);
        awaitFigures(admin, 0, 0, 2.0 / 3, 50, allEnded);
    }

    /** Waits until the scrape shows these figures (the gauges are cached for a moment); ended: reason -> calls. */
    private void awaitFigures(Api admin, double active, double orphaned, double ratio, double average,
                              Map<String, Double> ended) {
        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("hearth_calls_active", active);
        expected.put("hearth_calls_orphaned", orphaned);
        expected.put("hearth_calls_completion_ratio", ratio);
        expected.put("hearth_calls_connected_seconds_average", average);
        for (EndReason reason : EndReason.values()) {
            expected.put("hearth_calls_ended_total{reason=\"" + reason.name() + "\"}",
                    ended.getOrDefault(reason.name(), 0.0));
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            var scrape = admin.get("/actuator/prometheus");
            assertThat(scrape.status()).isEqualTo(200);
            Map<String, Double> figures = figures(scrape.raw().body());
            for (var figure : expected.entrySet()) {
                assertThat(figures.get(figure.getKey())).as(figure.getKey())
                        .isCloseTo(figure.getValue(), org.assertj.core.data.Offset.offset(1e-9));
            }
        });
    }

    /** The call samples of a scrape, by name and reason label. */
    private static Map<String, Double> figures(String scrape) {
        Map<String, Double> figures = new LinkedHashMap<>();
        for (String line : scrape.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.trim());
            if (line.startsWith("#") || !sample.matches() || !sample.group(1).startsWith("hearth_calls_")) {
                continue;
            }
            String key = sample.group(1);
            String labels = sample.group(2);
            if (labels != null) {
                Matcher reason = Pattern.compile("reason=\"([A-Z_]+)\"").matcher(labels);
                if (reason.find()) {
                    key += "{reason=\"" + reason.group(1) + "\"}";
                }
            }
            figures.put(key, Double.parseDouble(sample.group(3)));
        }
        return figures;
    }
}
