package app.hearth.calls.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.adapters.calls.jooq.CallProjection;
import app.hearth.application.calls.CallQueries.CallStats;
import app.hearth.application.calls.CallQueries.CallView;
import app.hearth.application.calls.CallQueries.LiveCall;
import app.hearth.application.calls.CallQueries;
import app.hearth.application.deadlines.Deadlines;
import app.hearth.domain.calls.CallEvent.CallEnded;
import app.hearth.domain.calls.DeadlineKind;
import app.hearth.domain.calls.EndReason;
import app.hearth.domain.money.wallet.CallKind;
import app.hearth.support.IntegrationTest;
import app.hearth.support.Projections;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The calls' read model fed through the real event store: call events appended as the call aggregate will append
 * them (see {@link CallFeed}), projected by the {@code call-read-model} processor, read through {@link CallQueries}.
 * Times in the past (2021) keep each test's figures apart from the others'; every call a test starts is ended before
 * it finishes, so no test leaves an orphan behind.
 */
class CallReadModelIT extends IntegrationTest {

    @Autowired
    EventStore store;

    @Autowired
    Deadlines deadlines;

    private CallFeed.Writer feed() {
        return new CallFeed.Writer(store, deadlines);
    }

    @Autowired
    CallQueries calls;

    @Autowired
    EventProcessingConfiguration processing;

    private final String u = UUID.randomUUID().toString().substring(0, 8);

    private String id(String name) {
        return name + "-" + u;
    }

    private void caughtUp() {
        Projections.awaitCaughtUp(jdbc, CallProjection.PROCESSING_GROUP);
    }

    private LiveCall onTheBoard(String callId) {
        return calls.liveBoard().stream().filter(live -> live.call().callId().equals(callId)).findFirst()
                .orElseThrow(() -> new AssertionError(callId + " is not on the live board"));
    }

    @Test
    void aCallsRowFollowsItsEventsFromRingingToItsEnd() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
        String member = id("member");
        String companion = id("companion");
        var call = feed().request(id("call"), member, companion, CallKind.VIDEO, t0);
        caughtUp();

        CallView ringing = calls.call(call.callId).orElseThrow();
        assertThat(ringing).isEqualTo(new CallView(call.callId, member, companion, CallKind.VIDEO, "ringing", t0,
                null, null, null, null, null, 0, 0, false));
        assertThat(calls.inCall(companion)).isTrue();
        assertThat(calls.inCall(member)).as("a member is not a companion in a call").isFalse();
        assertThat(calls.live()).extracting(CallView::callId).contains(call.callId);
        LiveCall onBoard = onTheBoard(call.callId);
        assertThat(onBoard.mustEndBy()).isEqualTo(t0.plusSeconds(45));
        assertThat(onBoard.orphaned()).isFalse();
        assertThat(onBoard.lastProofAt()).isNull();
        assertThat(onBoard.secondsSinceLastProof()).isNull();

        call.accept(t0.plusSeconds(5)).connect(t0.plusSeconds(10));
        caughtUp();
        CallView connected = calls.call(call.callId).orElseThrow();
        assertThat(connected.state()).isEqualTo("connected");
        assertThat(connected.acceptedAt()).isEqualTo(t0.plusSeconds(5));
        assertThat(connected.connectedAt()).isEqualTo(t0.plusSeconds(10));
        onBoard = onTheBoard(call.callId);
        assertThat(onBoard.lastProofAt()).as("the connect is the first proof").isEqualTo(t0.plusSeconds(10));
        assertThat(onBoard.coveredUntil()).isEqualTo(t0.plusSeconds(130));
        assertThat(onBoard.mustEndBy()).as("last proof + 45 s + 60 s").isEqualTo(t0.plusSeconds(115));
        assertThat(onBoard.secondsSinceLastProof())
                .isEqualTo(Duration.between(t0.plusSeconds(10), onBoard.asOf()).toSeconds());
        assertThat(onBoard.orphaned()).isFalse();

        call.prove(t0.plusSeconds(25)).hangUp(member, t0.plusSeconds(28));
        caughtUp();
        CallEnded ended = call.ended();
        assertThat(calls.call(call.callId)).contains(new CallView(call.callId, member, companion, CallKind.VIDEO,
                "ended", t0, t0.plusSeconds(5), t0.plusSeconds(10), t0.plusSeconds(28),
                EndReason.HUNG_UP_BY_MEMBER, member, ended.connectedSeconds(), ended.billableSeconds(), true));
        assertThat(ended.connectedSeconds()).isEqualTo(18);
        assertThat(calls.inCall(companion)).isFalse();
        assertThat(calls.live()).extracting(CallView::callId).doesNotContain(call.callId);
        var row = jdbc.queryForMap("select * from call_view where call_id = ?", call.callId);
        assertThat(row.get("last_sequence")).isEqualTo((long) call.events.size() - 1);
        assertThat(row.get("must_end_by")).isNull();
        assertThat(instant(row.get("last_proof_at"))).isEqualTo(t0.plusSeconds(25));
        assertThat(instant(row.get("member_joined_at"))).isEqualTo(t0.plusSeconds(10));
        assertThat(instant(row.get("billable_until"))).isEqualTo(ended.billableUntil());
    }

    @Test
    void historyPagesNewestFirstAsMemberAndAsCompanionWithoutGapsOrRepeats() {
        Instant w = Instant.parse("2021-06-01T12:00:00Z");
        String user = id("user");
        var h1 = feed().request(id("h1"), user, id("k1"), CallKind.AUDIO, w).decline(w.plusSeconds(5));
        var h2 = feed().request(id("h2"), user, id("k2"), CallKind.AUDIO, w.plusSeconds(60))
                .cancel(w.plusSeconds(62));
        // the same time as h2: the call id breaks the tie (h3 before h2, newest first)
        var h3 = feed().request(id("h3"), id("m2"), user, CallKind.VIDEO, w.plusSeconds(60))
                .decline(w.plusSeconds(70));
        var h4 = feed().request(id("h4"), id("m3"), user, CallKind.AUDIO, w.plusSeconds(120))
                .expire(DeadlineKind.RING, w.plusSeconds(165));
        var h5 = feed().request(id("h5"), user, id("k1"), CallKind.AUDIO, w.plusSeconds(180))
                .accept(w.plusSeconds(181)).connect(w.plusSeconds(183)).hangUp(id("k1"), w.plusSeconds(200));
        feed().request(id("other"), id("m2"), id("k1"), CallKind.AUDIO, w.plusSeconds(90))
                .decline(w.plusSeconds(91));
        caughtUp();

        var expected = List.of(h5.callId, h4.callId, h3.callId, h2.callId, h1.callId);
        for (int size = 1; size <= 6; size++) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                var page = calls.history(user, cursor, size);
                assertThat(page.items()).hasSizeLessThanOrEqualTo(size);
                page.items().forEach(call -> seen.add(call.callId()));
                cursor = page.nextCursor();
                pages++;
            } while (cursor != null && pages < 10);
            assertThat(seen).as("pages of " + size).isEqualTo(expected);
            assertThat(pages).isEqualTo(Math.max(1, (expected.size() + size - 1) / size));
        }
        var first = calls.history(user, null, 2);
        assertThat(first.items()).extracting(CallView::callId).containsExactly(h5.callId, h4.callId);
        assertThat(first.items().getFirst().completed()).isTrue();
        assertThat(first.items().get(1).endReason()).isEqualTo(EndReason.MISSED);
        assertThat(calls.history(id("nobody"), null, 5).items()).isEmpty();
    }

    @Test
    void callsPerCompanionAndDayCountTheDayInTheGivenZone() {
        ZoneId newYork = ZoneId.of("America/New_York");
        String a = id("day-a");
        String b = id("day-b");
        String none = id("day-none");
        int n = 0;
        for (String at : List.of("2021-03-10T04:30:00Z", "2021-03-10T05:30:00Z", "2021-03-11T04:59:59Z",
                "2021-03-11T05:00:00Z")) {
            Instant requested = Instant.parse(at);
            feed().request(id("day" + n++), id("day-member"), a, CallKind.AUDIO, requested)
                    .decline(requested.plusSeconds(3));
        }
        Instant midday = Instant.parse("2021-03-10T15:00:00Z");
        feed().request(id("day" + n), id("day-member"), b, CallKind.VIDEO, midday)
                .decline(midday.plusSeconds(3));
        caughtUp();

        LocalDate day = LocalDate.parse("2021-03-10");
        assertThat(calls.callsOn(Set.of(a, b, none), day, newYork)).isEqualTo(Map.of(a, 2L, b, 1L, none, 0L));
        assertThat(calls.callsOn(Set.of(a, b, none), day, ZoneOffset.UTC)).isEqualTo(Map.of(a, 2L, b, 1L, none, 0L));
        assertThat(calls.callsOn(Set.of(a), day.plusDays(1), newYork)).isEqualTo(Map.of(a, 1L));
        assertThat(calls.callsOn(Set.of(), day, newYork)).isEmpty();
    }

    @Test
    void aLiveCallMakesItsCompanionBusyUntilItEnds() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);
        String companion = id("busy");
        var call = feed().request(id("live"), id("caller"), companion, CallKind.AUDIO, now);
        caughtUp();
        assertThat(calls.inCall(companion)).isTrue();
        assertThat(calls.live()).extracting(CallView::callId).contains(call.callId);

        call.cancel(now.plusSeconds(4));
        caughtUp();
        assertThat(calls.inCall(companion)).isFalse();
        assertThat(calls.live()).extracting(CallView::callId).doesNotContain(call.callId);
        assertThat(calls.call(call.callId).orElseThrow().endReason()).isEqualTo(EndReason.CANCELLED);
    }

    @Test
    void statsCountEveryFigureOverTheRangeOverallAndPerCompanionAndFlagOrphans() {
        caughtUp();
        long orphansBefore = calls.liveCounts().orphaned();
        Instant w = Instant.parse("2021-09-01T10:00:00Z");
        String k1 = id("k1");
        String k2 = id("k2");
        var a = feed().request(id("a"), id("ma"), k1, CallKind.AUDIO, w).accept(w.plusSeconds(2))
                .connect(w.plusSeconds(4)).prove(w.plusSeconds(60)).hangUp(id("ma"), w.plusSeconds(64));
        var b = feed().request(id("b"), id("mb"), k1, CallKind.VIDEO, w.plusSeconds(100))
                .accept(w.plusSeconds(102)).connect(w.plusSeconds(104)).hangUp(k1, w.plusSeconds(134));
        var c = feed().request(id("c"), id("mc"), k1, CallKind.AUDIO, w.plusSeconds(200))
                .accept(w.plusSeconds(202)).connect(w.plusSeconds(204)).prove(w.plusSeconds(230))
                .expire(DeadlineKind.HEARTBEAT_LOSS, w.plusSeconds(275));
        feed().request(id("d"), id("md"), k2, CallKind.AUDIO, w.plusSeconds(300)).decline(w.plusSeconds(305));
        feed().request(id("e"), id("me"), k2, CallKind.AUDIO, w.plusSeconds(400))
                .expire(DeadlineKind.RING, w.plusSeconds(445));
        // never ended: orphans, years past what the rules allow
        var ringingOrphan = feed().request(id("f"), id("mf"), k1, CallKind.AUDIO, w.plusSeconds(500));
        var connectedOrphan = feed().request(id("h"), id("mh"), k1, CallKind.VIDEO, w.plusSeconds(600))
                .accept(w.plusSeconds(602)).connect(w.plusSeconds(604));
        // outside [w, w + 1 h)
        feed().request(id("before"), id("mx"), k1, CallKind.AUDIO, w.minusSeconds(1)).decline(w);
        feed().request(id("at-to"), id("mx"), k1, CallKind.AUDIO, w.plusSeconds(3600))
                .decline(w.plusSeconds(3601));
        try {
            caughtUp();
            assertThat(a.ended().connectedSeconds()).isEqualTo(60);
            assertThat(b.ended().connectedSeconds()).isEqualTo(30);
            assertThat(c.ended().reason()).isEqualTo(EndReason.CONNECTION_LOST);
            assertThat(c.ended().connectedSeconds()).isEqualTo(26);
            long average = Math.round((60 + 30 + 26) / 3.0);

            List<CallStats> stats = calls.stats(w, w.plusSeconds(3600));
            assertThat(stats).containsExactly(
                    new CallStats(null, 7, 4, 2, 2, 2, 0.5, average),
                    new CallStats(k1, 5, 4, 2, 2, 2, 0.5, average),
                    new CallStats(k2, 2, 0, 0, 0, 0, 0.0, 0));
            assertThat(calls.stats(w.minusSeconds(7200), w.minusSeconds(3600)))
                    .containsExactly(new CallStats(null, 0, 0, 0, 0, 0, 0.0, 0));

            LiveCall ringing = onTheBoard(ringingOrphan.callId);
            assertThat(ringing.orphaned()).isTrue();
            assertThat(ringing.mustEndBy()).isEqualTo(w.plusSeconds(545));
            LiveCall connected = onTheBoard(connectedOrphan.callId);
            assertThat(connected.orphaned()).isTrue();
            assertThat(connected.lastProofAt()).isEqualTo(w.plusSeconds(604));
            assertThat(connected.mustEndBy()).isEqualTo(w.plusSeconds(604 + 105));
            assertThat(connected.secondsSinceLastProof())
                    .isEqualTo(Duration.between(w.plusSeconds(604), connected.asOf()).toSeconds());
            assertThat(calls.liveCounts().orphaned()).isEqualTo(orphansBefore + 2);
        } finally {
            ringingOrphan.expire(DeadlineKind.RING, w.plusSeconds(545));
            connectedOrphan.expire(DeadlineKind.HEARTBEAT_LOSS, w.plusSeconds(649));
            caughtUp();
        }
        assertThat(calls.liveCounts().orphaned()).isEqualTo(orphansBefore);
        assertThat(calls.stats(w, w.plusSeconds(3600)).getFirst())
                .as("the orphans ended: the connected one lost, with no connected time after its last proof")
                .isEqualTo(new CallStats(null, 7, 4, 2, 0, 0, 0.5, Math.round((60 + 30 + 26 + 0) / 4.0)));
    }

    @Test
    void resettingTheProcessorReplaysEveryCallEventIntoTheSameRows() {
        Instant w = Instant.parse("2021-11-01T08:00:00Z");
        feed().request(id("replay-1"), id("rm"), id("rk"), CallKind.AUDIO, w).accept(w.plusSeconds(1))
                .connect(w.plusSeconds(3)).prove(w.plusSeconds(63)).extend(w.plusSeconds(300), w.plusSeconds(63))
                .hangUp(id("rk"), w.plusSeconds(90));
        feed().request(id("replay-2"), id("rm"), id("rk"), CallKind.VIDEO, w.plusSeconds(200))
                .endByStaff(id("staff"), w.plusSeconds(210));
        caughtUp();
        var rows = jdbc.queryForList("select * from call_view order by call_id");
        var counts = jdbc.queryForList("select * from call_ended_count order by end_reason");
        assertThat(rows).isNotEmpty();
        assertThat(counts).isNotEmpty();

        TrackingEventProcessor processor = processing.eventProcessor(CallProjection.PROCESSING_GROUP,
                TrackingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        assertThat(jdbc.queryForObject("select count(*) from call_view", Long.class))
                .as("the reset handler emptied the read model").isZero();
        processor.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> !processor.isReplaying());
        // until an event past the reset point arrives, the token stays a replay token: its position is inside it
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("select coalesce(max(global_index), 0)"
                + " from domain_event_entry", Long.class) <= jdbc.queryForObject("select min(coalesce((t->>'index'),"
                + " (t->'currentToken'->>'index'))::bigint) from (select convert_from(token, 'UTF8')::jsonb t"
                + " from token_entry where processor_name = ?) tokens", Long.class, CallProjection.PROCESSING_GROUP));

        assertThat(jdbc.queryForList("select * from call_view order by call_id")).isEqualTo(rows);
        assertThat(jdbc.queryForList("select * from call_ended_count order by end_reason")).isEqualTo(counts);
    }

    private static Instant instant(Object timestamp) {
        return timestamp == null ? null : ((Timestamp) timestamp).toInstant();
    }
}
