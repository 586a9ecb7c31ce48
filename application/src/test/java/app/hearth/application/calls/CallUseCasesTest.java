package app.hearth.application.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.calls.CallCommand;
import app.hearth.domain.calls.CallSession;
import app.hearth.domain.calls.CallSession.Connected;
import app.hearth.domain.calls.CallSession.Ended;
import app.hearth.domain.calls.EndReason;
import app.hearth.domain.money.wallet.CallKind;
import app.hearth.domain.shared.RuleViolation;
import app.hearth.domain.shared.TransientConflict;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The calls use cases' main paths on in-memory ports with the real call rules: requesting and answering
 * ({@link CallRequests}), presence ({@link CallPresence}) and the watchdog's checkpoint ({@link CallCheckpoints}).
 */
class CallUseCasesTest extends InMemoryCalls {

    static final Actor MEMBER = new Actor("member-1", Role.MEMBER);
    static final Actor COMPANION = new Actor("companion-1", Role.COMPANION);
    static final String CALL = "call-0001";

    private Calls.CallStatus ring() {
        companion("companion-1", true);
        return calls.request(MEMBER, CALL, "companion-1", CallKind.AUDIO);
    }

    /** Rings, accepts, and both sides' first heartbeats join the room: connected at {@code T0 + 5 s}. */
    private void connect() {
        ring();
        now = T0.plusSeconds(3);
        calls.accept(COMPANION, CALL);
        now = T0.plusSeconds(5);
        calls.heartbeat(MEMBER, CALL);
        calls.heartbeat(COMPANION, CALL);
    }

    // --- requesting and answering ------------------------------------------------------------------------------

    @Test
    void aRequestPlacesTheHoldClaimsBothLinesRingsAndSetsTheWakeUp() {
        var status = ring();
        assertThat(status.state()).isEqualTo("ringing");
        assertThat(status.ringsUntil()).isEqualTo(T0.plus(TIMEOUTS.ring()));
        assertThat(holds).containsKey("call:" + CALL);
        assertThat(lineOf).containsEntry("member-1", CALL).containsEntry("companion-1", CALL);
        assertThat(wakeUps).containsKey("call:" + CALL);

        assertThat(calls.request(MEMBER, CALL, "companion-1", CallKind.AUDIO)).as("asked again: rings once")
                .isEqualTo(status);
        assertThat(sent).hasSize(1);
    }

    @Test
    void aBusyCompanionRefusesTheRequestAndTheHoldIsReleased() {
        companion("companion-1", true);
        lineOf.put("companion-1", "another-call");
        assertThatThrownBy(() -> calls.request(MEMBER, CALL, "companion-1", CallKind.AUDIO))
                .isInstanceOfSatisfying(RuleViolation.class,
                        refused -> assertThat(refused.code()).isEqualTo(CallRequests.COMPANION_BUSY));
        assertThat(released).containsExactly("call:" + CALL);
        assertThat(holds).isEmpty();
    }

    @Test
    void aRaceLostToAConcurrentChangeIsTriedAgainWholeAndRingsOnce() {
        companion("companion-1", true);
        conflicts = 2;
        var status = calls.request(MEMBER, CALL, "companion-1", CallKind.AUDIO);
        assertThat(status.state()).isEqualTo("ringing");
        assertThat(transactionsRun).as("three attempts, each a whole transaction").isEqualTo(3);
        assertThat(sent).hasSize(1);
    }

    @Test
    void aRaceLostEveryTimeEndsAsTheTransientConflict() {
        ring();
        conflicts = CallChanges.ATTEMPTS;
        assertThatThrownBy(() -> calls.cancel(MEMBER, CALL)).isInstanceOf(TransientConflict.class)
                .hasFieldOrPropertyWithValue("code", "CONCURRENT_UPDATE");
        assertThat(calls.cancel(MEMBER, CALL).state()).as("the next request goes through").isEqualTo("ended");
    }

    @Test
    void theCompanionAcceptsWithTheirRoomCredentials() {
        ring();
        var accepted = calls.accept(COMPANION, CALL);
        assertThat(accepted.state()).isEqualTo("accepted");
        assertThat(accepted.media().room()).isEqualTo("call-" + CALL);
        assertThat(accepted.media().identity()).isEqualTo("companion-1");
        assertThat(locked).as("the change locked the call's wake-up").contains("call:" + CALL);
        assertThat(calls.media(MEMBER, CALL).identity()).isEqualTo("member-1");
    }

    @Test
    void aDeclinedCallEndsAndFreesBothLinesAndItsWakeUp() {
        ring();
        var declined = calls.decline(COMPANION, CALL);
        assertThat(declined.state()).isEqualTo("ended");
        assertThat(declined.endReason()).isEqualTo(EndReason.DECLINED);
        assertThat(lineOf).isEmpty();
        assertThat(wakeUps).isEmpty();
    }

    @Test
    void someoneElseIsToldTheCallDoesNotExist() {
        ring();
        var stranger = new Actor("companion-9", Role.COMPANION);
        for (Runnable attempt : new Runnable[] {() -> calls.accept(stranger, CALL),
                () -> calls.hangUp(stranger, CALL), () -> calls.heartbeat(stranger, CALL),
                () -> calls.media(stranger, CALL)}) {
            assertThatThrownBy(attempt::run).isInstanceOfSatisfying(RuleViolation.class,
                    refused -> assertThat(refused.code()).isEqualTo("CALL_NOT_FOUND"));
        }
    }

    @Test
    void theSupervisorOfTheCompanionsTeamEndsTheCallOtherSupervisorsCannotSeeIt() {
        ring();
        supervisorOf.put("companion-1", "supervisor-1");
        assertThatThrownBy(() -> calls.hangUp(new Actor("supervisor-2", Role.SUPERVISOR), CALL))
                .isInstanceOfSatisfying(RuleViolation.class,
                        refused -> assertThat(refused.code()).isEqualTo("CALL_NOT_FOUND"));
        var ended = calls.hangUp(new Actor("supervisor-1", Role.SUPERVISOR), CALL);
        assertThat(ended.endReason()).isEqualTo(EndReason.ENDED_BY_STAFF);
        assertThat(lineOf).isEmpty();
    }

    @Test
    void aHangUpCountsWhatTheHeartbeatsShowedFirst() {
        connect();
        now = T0.plusSeconds(40);
        calls.heartbeat(MEMBER, CALL);
        calls.heartbeat(COMPANION, CALL);
        now = T0.plusSeconds(42);
        var ended = calls.hangUp(MEMBER, CALL);
        assertThat(ended.endReason()).isEqualTo(EndReason.HUNG_UP_BY_MEMBER);
        assertThat(sent.get(sent.size() - 2)).isInstanceOf(CallCommand.ProvePresence.class);
        assertThat(seen).as("the board forgot the call").isEmpty();
        assertThat(lineOf).isEmpty();
    }

    // --- presence ----------------------------------------------------------------------------------------------

    @Test
    void theFirstHeartbeatsAfterTheAcceptJoinTheRoomLaterOnesWriteNothing() {
        connect();
        assertThat(states.state(CALL)).isInstanceOf(Connected.class);
        int commandsSoFar = sent.size();
        now = T0.plusSeconds(15);
        calls.heartbeat(MEMBER, CALL);
        calls.heartbeat(COMPANION, CALL);
        assertThat(sent).as("no write on a connected call's heartbeat").hasSize(commandsSoFar);
        assertThat(seen.get(CALL).memberSeenAt()).isEqualTo(T0.plusSeconds(15));
    }

    @Test
    void aHeartbeatOfARingingCallIsRefused() {
        ring();
        assertThatThrownBy(() -> calls.heartbeat(MEMBER, CALL)).isInstanceOfSatisfying(RuleViolation.class,
                refused -> assertThat(refused.code()).isEqualTo("CALL_NOT_ACCEPTED"));
    }

    @Test
    void theMediaServerSayingAParticipantLeftIsAHangUpAtThatMoment() {
        connect();
        now = T0.plusSeconds(30);
        presence.leftRoom(CALL, "companion-1", T0.plusSeconds(20));
        assertThat(states.state(CALL)).isInstanceOfSatisfying(Ended.class, ended -> {
            assertThat(ended.reason()).isEqualTo(EndReason.HUNG_UP_BY_COMPANION);
            assertThat(ended.endedAt()).isEqualTo(T0.plusSeconds(20));
        });
        presence.leftRoom("not-a-call", "companion-1", T0);
        presence.joinedRoom(CALL, "someone-else", T0);
    }

    // --- checkpoints -------------------------------------------------------------------------------------------

    @Test
    void aMinuteCheckpointProvesPresenceAndExtendsTheHoldOncePerMinute() {
        connect();
        now = T0.plusSeconds(64);
        calls.heartbeat(MEMBER, CALL);
        calls.heartbeat(COMPANION, CALL);
        now = T0.plusSeconds(66);
        CallSession after = checkpoints.checkpoint(CALL);
        assertThat(after).isInstanceOfSatisfying(Connected.class, connected -> {
            assertThat(connected.memberSeenAt()).isEqualTo(T0.plusSeconds(64));
            assertThat(connected.coveredUntil()).isEqualTo(T0.plusSeconds(5 + 180));
        });
        assertThat(extensions).containsExactly("call:" + CALL + ":minute:1");
        assertThat(wakeUps.get("call:" + CALL)).isAfter(now);

        checkpoints.checkpoint(CALL);
        assertThat(extensions).as("once a minute").hasSize(1);
    }

    @Test
    void aDueWakeUpOfACallNobodyAnsweredEndsItAsMissed() {
        ring();
        now = T0.plus(TIMEOUTS.ring());
        Instant due = wakeUps.get("call:" + CALL);
        assertThat(checkpoints.fire(CALL, due, now)).as("no wake-up after the end").isEmpty();
        assertThat(states.state(CALL)).isInstanceOfSatisfying(Ended.class,
                ended -> assertThat(ended.reason()).isEqualTo(EndReason.MISSED));
        assertThat(lineOf).isEmpty();
        assertThat(checkpoints.kind()).isEqualTo(CallsService.DEADLINE_KIND);
    }

    @Test
    void theWatchdogForgetsEndedCallsFromTheHeartbeatCache() {
        ring();
        calls.cancel(MEMBER, CALL);
        assertThatThrownBy(() -> calls.heartbeat(MEMBER, CALL)).isInstanceOfSatisfying(RuleViolation.class,
                refused -> assertThat(refused.code()).isEqualTo("CALL_ENDED"));
        checkpoints.forgetEnded();
        assertThatThrownBy(() -> calls.heartbeat(MEMBER, CALL)).as("read again from the events")
                .isInstanceOfSatisfying(RuleViolation.class,
                        refused -> assertThat(refused.code()).isEqualTo("CALL_ENDED"));
    }
}
