package app.hearth.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.application.calls.LivenessBoard;
import app.hearth.domain.calls.CallSession;
import app.hearth.domain.calls.EndReason;
import app.hearth.domain.money.wallet.CallVerdict;
import app.hearth.support.Api;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Calls through the API on a real PostgreSQL: ringing, answering, heartbeats, hang-ups, the watchdog's ends, the hold
 * and its charge, the companion's credit, and who may touch a call.
 */
class CallsIT extends CallsIntegrationTest {

    @Autowired
    LivenessBoard board;

    void awaitBalance(String memberId, long expected) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(tokenBalance(memberId)).isEqualTo(expected));
    }

    /** Earning Coins a billable audio minute is credited at, with no multiplier (ActivityRates). */
    static final long AUDIO_COINS_A_MINUTE = 10;

    /** The audio minutes the call's one credit is worth: its coins over the rate times the multiplier applied. */
    long creditedMinutes(String companionId, String callId) {
        return jdbc.queryForObject("SELECT coalesce(sum(coins * 10000 / (? * multiplier_basis_points)), 0) "
                + "FROM earnings_entry WHERE companion_id = ? AND reference = ?", Long.class, AUDIO_COINS_A_MINUTE,
                companionId, "call:" + callId);
    }

    long credits(String companionId, String callId) {
        return jdbc.queryForObject("SELECT count(*) FROM earnings_entry WHERE companion_id = ? AND reference = ?",
                Long.class, companionId, "call:" + callId);
    }

    @Test
    void aCallRingsIsAnsweredTalkedAndHungUpThenChargedAndCreditedOnce() {
        String memberId = id("m-talk");
        String companionId = id("c-talk");
        Api member = member(memberId, 100);
        Api companion = availableCompanion(companionId);
        String callId = id("call-talk");

        var rung = call(member, callId, companionId, "audio");
        assertThat(rung.status()).as(rung.raw().body()).isEqualTo(201);
        assertThat(rung.body().get("state").asString()).isEqualTo("ringing");
        assertThat(call(member, callId, companionId, "audio").status()).as("the same request rings once")
                .isEqualTo(201);

        var accepted = companion.post("/api/v1/calls/" + callId + "/accept", null);
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(200);
        assertThat(accepted.body().get("state").asString()).isEqualTo("accepted");
        assertThat(accepted.body().get("media").get("room").asString()).isEqualTo("call-" + callId);
        assertThat(accepted.body().get("media").get("token").asString()).isNotBlank();
        assertThat(member.get("/api/v1/calls/" + callId + "/media").body().get("identity").asString())
                .isEqualTo(memberId);

        assertThat(member.post("/api/v1/calls/" + callId + "/heartbeats", null).status()).isEqualTo(204);
        assertThat(companion.post("/api/v1/calls/" + callId + "/heartbeats", null).status()).isEqualTo(204);
        assertThat(calls.state(callId)).isInstanceOf(CallSession.Connected.class);

        talk(member, companion, callId, 70); // 70 s connected, checkpoint at 60 s on the way
        var hungUp = member.post("/api/v1/calls/" + callId + "/hangup", null);
        assertThat(hungUp.status()).as(hungUp.raw().body()).isEqualTo(200);
        assertThat(hungUp.body().get("endReason").asString()).isEqualTo("HUNG_UP_BY_MEMBER");

        CallSession.Ended ended = awaitEnded(callId);
        assertThat(ended.billableSeconds()).isEqualTo(70);
        assertThat(ended.completed()).isTrue();
        awaitBalance(memberId, 80); // two started minutes at 10 tokens
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(credits(companionId, callId))
                .isEqualTo(1));
        assertThat(member.post("/api/v1/calls/" + callId + "/heartbeats", null).code()).isEqualTo("CALL_ENDED");
        assertThat(companion.post("/api/v1/calls/" + callId + "/hangup", null).status())
                .as("a late hang-up changes nothing").isEqualTo(200);
        assertThat(tokenBalance(memberId)).isEqualTo(80);
        assertThat(credits(companionId, callId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM deadline WHERE deadline_key = ?", Long.class, callId))
                .as("an ended call has no wake-up").isZero();

        // the companion's second call is credited too (their earnings account is open by now)
        String second = id("call-talk-again");
        var again = call(member, second, companionId, "audio");
        assertThat(again.status()).as(again.raw().body()).isEqualTo(201);
        assertThat(companion.post("/api/v1/calls/" + second + "/accept", null).status()).isEqualTo(200);
        assertThat(member.post("/api/v1/calls/" + second + "/heartbeats", null).status()).isEqualTo(204);
        assertThat(companion.post("/api/v1/calls/" + second + "/heartbeats", null).status()).isEqualTo(204);
        talk(member, companion, second, 70);
        assertThat(member.post("/api/v1/calls/" + second + "/hangup", null).status()).isEqualTo(200);
        awaitBalance(memberId, 60);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(credits(companionId, second))
                .as("a credit for the second call").isEqualTo(1));
    }

    @Test
    void onlyTheTwoParticipantsTouchACallAndStaffMayEndIt() {
        String memberId = id("m-who");
        String companionId = id("c-who");
        Api member = member(memberId, 100);
        Api companion = availableCompanion(companionId);
        String callId = id("call-who");
        assertThat(call(member, callId, companionId, "video").status()).isEqualTo(201);

        Api stranger = as("member", id("stranger"));
        Api otherCompanion = as("companion", id("other-companion"));
        for (String action : new String[] {"accept", "decline", "cancel", "hangup", "heartbeats"}) {
            assertThat(stranger.post("/api/v1/calls/" + callId + "/" + action, null).code()).as(action)
                    .isEqualTo("CALL_NOT_FOUND");
            assertThat(otherCompanion.post("/api/v1/calls/" + callId + "/" + action, null).code()).as(action)
                    .isEqualTo("CALL_NOT_FOUND");
        }
        assertThat(stranger.get("/api/v1/calls/" + callId + "/media").code()).isEqualTo("CALL_NOT_FOUND");
        var wrongSide = companion.post("/api/v1/calls/" + callId + "/cancel", null);
        assertThat(wrongSide.status()).isEqualTo(403);
        assertThat(wrongSide.code()).isEqualTo("WRONG_PARTICIPANT");
        assertThat(member.post("/api/v1/calls/" + callId + "/accept", null).code()).isEqualTo("WRONG_PARTICIPANT");
        assertThat(as("companion", companionId).post("/api/v1/calls", Map.of("companionId", "any", "kind", "audio"))
                .status()).as("companions do not place calls").isEqualTo(403);
        assertThat(call(member, id("bad-kind"), companionId, "hologram").code()).isEqualTo("CALL_KIND_INVALID");

        var ended = as("admin", id("admin")).post("/api/v1/calls/" + callId + "/hangup", null);
        assertThat(ended.status()).as(ended.raw().body()).isEqualTo(200);
        assertThat(ended.body().get("endReason").asString()).isEqualTo("ENDED_BY_STAFF");
        awaitBalance(memberId, 100);
    }

    @Test
    void aCompanionInACallIsBusyAMemberHasOneCallAndAnyoneAvailableIsRouted() {
        String first = id("m-busy-1");
        String second = id("m-busy-2");
        String busyCompanion = id("c-busy");
        Api member1 = member(first, 100);
        Api member2 = member(second, 100);
        Api companion = availableCompanion(busyCompanion);
        String freeCompanion = id("c-free");
        availableCompanion(freeCompanion);
        String callId = id("call-busy");
        assertThat(call(member1, callId, busyCompanion, "audio").status()).isEqualTo(201);

        var busy = call(member2, id("call-busy-2"), busyCompanion, "audio");
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.code()).isEqualTo("COMPANION_BUSY");
        var second1 = call(member1, id("call-busy-3"), freeCompanion, "audio");
        assertThat(second1.code()).isEqualTo("MEMBER_IN_CALL");

        var routed = call(member2, id("call-any"), "any", "audio");
        assertThat(routed.status()).as(routed.raw().body()).isEqualTo(201);
        assertThat(routed.body().get("companionId").asString()).isNotEqualTo(busyCompanion);
        var availableNow = companion.get("/api/v1/companions?availableNow=true&limit=200");
        assertThat(availableNow.status()).isEqualTo(200);
        var listed = new java.util.ArrayList<String>();
        availableNow.body().get("items").forEach(item -> listed.add(item.get("companionId").asString()));
        assertThat(listed).as("a companion in a call is not available now").doesNotContain(busyCompanion);

        assertThat(companion.post("/api/v1/calls/" + callId + "/decline", null).body().get("endReason").asString())
                .isEqualTo("DECLINED");
        assertThat(call(member2, id("call-busy-4"), busyCompanion, "audio").code())
                .as("member 2 is still ringing someone").isEqualTo("MEMBER_IN_CALL");
        // hung up while ringing: a routed call left to be missed would be offered to the next available companion,
        // another test's
        assertThat(member2.post("/api/v1/calls/" + id("call-any") + "/cancel", null).status()).isEqualTo(200);
        assertThat(call(member1, id("call-busy-5"), busyCompanion, "audio").status())
                .as("the line is free again after the decline").isEqualTo(201);
        awaitBalance(first, 100);
    }

    @Test
    void aMemberWithoutABillableMinuteCannotCallAndNothingIsKept() {
        String memberId = id("m-poor");
        String companionId = id("c-poor");
        Api member = member(memberId, 5);
        availableCompanion(companionId);
        var refused = call(member, id("call-poor"), companionId, "audio");
        assertThat(refused.status()).as(refused.raw().body()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("INSUFFICIENT_BALANCE");
        assertThat(calls.state(id("call-poor"))).isInstanceOf(CallSession.NotRequested.class);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM call_line WHERE user_id IN (?, ?)", Long.class,
                memberId, companionId)).isZero();
    }

    @Test
    void anUnansweredCallIsMissedAfter45SecondsAndItsHoldReleased() {
        String memberId = id("m-missed");
        String companionId = id("c-missed");
        Api member = member(memberId, 100);
        availableCompanion(companionId);
        String callId = id("call-missed");
        assertThat(call(member, callId, companionId, "audio").status()).isEqualTo(201);
        CLOCK.advance(Duration.ofSeconds(46));
        CallSession.Ended ended = awaitEnded(callId);
        assertThat(ended.reason()).isEqualTo(EndReason.MISSED);
        awaitBalance(memberId, 100);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM call_line WHERE call_id = ?", Long.class, callId))
                .isZero();
    }

    @Test
    void aSilentMemberIsLostAfter45SecondsAndBilledOnlyToTheirLastHeartbeat() {
        String memberId = id("m-silent");
        String companionId = id("c-silent");
        Api member = member(memberId, 100);
        Api companion = availableCompanion(companionId);
        String callId = connectedCall(member, companion, companionId, id("call-silent"));
        talk(member, companion, callId, 70); // both proven until 70 s
        for (int s = 0; s < 40; s += 10) {
            CLOCK.advance(Duration.ofSeconds(10));
            companion.post("/api/v1/calls/" + callId + "/heartbeats", null);
        }
        CLOCK.advance(Duration.ofSeconds(6)); // the member is silent for 46 s
        CallSession.Ended ended = awaitEnded(callId);
        assertThat(ended.reason()).isEqualTo(EndReason.CONNECTION_LOST);
        assertThat(ended.billableSeconds()).isEqualTo(70);
        awaitBalance(memberId, 80);
        // one verdict (ADR 0030): the member is charged two started minutes, so the companion is credited the same
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(creditedMinutes(companionId, callId))
                .as("credited the minutes the member was charged").isEqualTo(2));
    }

    @Test
    void aCallConnectedOverAMinuteButProvenTogetherFor30SecondsIsChargedAndCreditedOneMinute() {
        String memberId = id("m-verdict");
        String companionId = id("c-verdict");
        Api member = member(memberId, 100);
        Api companion = availableCompanion(companionId);
        String callId = connectedCall(member, companion, companionId, id("call-verdict"));
        talk(member, companion, callId, 30); // both proven until 30 s
        for (int s = 30; s < 70; s += 10) { // then only the companion is heard
            CLOCK.advance(Duration.ofSeconds(10));
            companion.post("/api/v1/calls/" + callId + "/heartbeats", null);
        }
        CLOCK.advance(Duration.ofSeconds(4)); // 74 s connected; the member's silence would end the call at 75 s
        var hungUp = companion.post("/api/v1/calls/" + callId + "/hangup", null);
        assertThat(hungUp.status()).as(hungUp.raw().body()).isEqualTo(200);

        CallSession.Ended ended = awaitEnded(callId);
        assertThat(ended.reason()).isEqualTo(EndReason.HUNG_UP_BY_COMPANION);
        assertThat(ended.connectedSeconds()).isEqualTo(74);
        assertThat(ended.verdict()).isEqualTo(new CallVerdict(true, 30, 1));
        awaitBalance(memberId, 90); // one started minute at 10 tokens: the wallet judged no 60 s rule again
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(creditedMinutes(companionId, callId))
                .as("the same started minute").isEqualTo(1));
    }

    @Test
    void aCallWhoseWakeUpWentMissingIsFoundByReconciliationAndEndedWhenOverdue() {
        String memberId = id("m-orphan");
        String companionId = id("c-orphan");
        Api member = member(memberId, 100);
        Api companion = availableCompanion(companionId);
        String callId = connectedCall(member, companion, companionId, id("call-orphan"));
        talk(member, companion, callId, 70); // the checkpoint at 60 s proves what the board showed then
        await().atMost(Duration.ofSeconds(15)).until(() -> calls.state(callId) instanceof CallSession.Connected c
                && c.bothUntil().isAfter(c.connectedAt()));
        var proven = (CallSession.Connected) calls.state(callId);
        // what a bug or a lost row would leave: no wake-up, and nothing in memory (a node that restarted)
        assertThat(jdbc.update("DELETE FROM deadline WHERE kind = 'call' AND deadline_key = ?", callId)).isOne();
        board.forget(callId);
        CLOCK.advance(Duration.ofSeconds(90)); // both silent: with no wake-up and no beats only reconciliation looks

        // a reconciliation pass runs every 30 s on every node (other test contexts on this database are nodes too:
        // one of theirs may be the one that finds the call and gives it its wake-up back, which then ends it)
        CallSession.Ended ended = awaitEnded(callId, Duration.ofSeconds(45));
        assertThat(ended.reason()).isEqualTo(EndReason.CONNECTION_LOST);
        assertThat(ended.billableSeconds()).as("billed to the last moment both were proven present")
                .isEqualTo(Duration.between(proven.connectedAt(), proven.bothUntil()).toSeconds());
        awaitBalance(memberId, 100 - 10 * ((ended.billableSeconds() + 59) / 60)); // 10 tokens a started minute
        assertThat(jdbc.queryForObject("SELECT count(*) FROM call_line WHERE call_id = ?", Long.class, callId))
                .as("both participants are free again").isZero();
    }

    @Test
    void aMemberWhoseBalanceRunsOutIsWarnedAndEndedAtTheEndOfTheCoveredTime() {
        String memberId = id("m-short");
        String companionId = id("c-short");
        Api member = member(memberId, 15); // one minute at 10 tokens
        Api companion = availableCompanion(companionId);
        String callId = connectedCall(member, companion, companionId, id("call-short"));
        var connected = (CallSession.Connected) calls.state(callId);
        assertThat(connected.coverageFailing()).isTrue();
        assertThat(connected.coveredUntil()).isEqualTo(connected.connectedAt().plusSeconds(60));
        talk(member, companion, callId, 60);
        CallSession.Ended ended = awaitEnded(callId);
        assertThat(ended.reason()).isEqualTo(EndReason.BALANCE_EXHAUSTED);
        assertThat(ended.billableSeconds()).isEqualTo(60);
        awaitBalance(memberId, 5);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(credits(companionId, callId))
                .isEqualTo(1));
    }
}
