package app.hearth.domain.calls;

import static app.hearth.domain.calls.CallDriver.CALL;
import static app.hearth.domain.calls.CallDriver.RULES;
import static app.hearth.domain.calls.CallDriver.t;
import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.domain.calls.CallCommand.CoverageNotExtended;
import app.hearth.domain.calls.CallCommand.Expire;
import app.hearth.domain.calls.CallCommand.ExtendCoverage;
import app.hearth.domain.calls.CallSession.Connected;
import app.hearth.domain.calls.CallSession.Ended;
import org.junit.jupiter.api.Test;

class CallWatchTest {

    @Test
    void ringingAndAcceptedCallsWakeAtTheirRingAndJoinTimeouts() {
        var ringing = CallDriver.ringing();
        assertThat(CallWatch.nextWakeUp(ringing.state, t(3), RULES)).contains(t(45));
        var accepted = CallDriver.accepted();
        assertThat(CallWatch.nextWakeUp(accepted.state, t(6), RULES)).contains(t(35));
    }

    @Test
    void aConnectedCallWakesOnEachMinuteOfItsConnectedTimeNotAtTheHeartbeatLossTime() {
        var call = CallDriver.connected(); // connected at t(10), covered until t(130)
        assertThat(CallWatch.nextWakeUp(call.state, t(10), RULES)).contains(t(70));
        assertThat(CallWatch.nextWakeUp(call.state, t(69), RULES)).contains(t(70));
        assertThat(CallWatch.nextWakeUp(call.state, t(70), RULES)).contains(t(130));
        call.heartbeats(10, 70);
        call.run(new ExtendCoverage(CALL, t(190), t(70)));
        assertThat(CallWatch.nextWakeUp(call.state, t(70), RULES)).contains(t(130));
        assertThat(CallWatch.minute(call.state(Connected.class), t(129))).isEqualTo(1);
        assertThat(CallWatch.coverageTarget(call.state(Connected.class), t(131))).isEqualTo(240);
        assertThat(CallWatch.coverageMissing(call.state(Connected.class), t(131))).isEqualTo(60);
    }

    @Test
    void aFailingHoldWakesTheCallForItsWarningsAndItsEnd() {
        var call = CallDriver.connected();
        call.heartbeats(10, 60);
        call.run(new CoverageNotExtended(CALL, t(130), t(60)));
        // balance due at t(130): the 120 s warning was given with the news, the 30 s one is due at t(100)
        assertThat(call.events).anyMatch(event -> event instanceof CallEvent.BalanceWarning warning
                && warning.secondsLeft() == 120);
        assertThat(CallWatch.nextWakeUp(call.state, t(60), RULES)).contains(t(70));
        call.heartbeats(60, 100);
        call.run(new Expire(CALL, DeadlineKind.BALANCE_WARNING, t(100)));
        assertThat(CallWatch.nextWakeUp(call.state, t(100), RULES)).contains(t(130));
        call.heartbeats(100, 130);
        call.run(new Expire(CALL, DeadlineKind.BALANCE, t(130)));
        assertThat(call.state(Ended.class).reason()).isEqualTo(EndReason.BALANCE_EXHAUSTED);
        assertThat(CallWatch.nextWakeUp(call.state, t(130), RULES)).isEmpty();
    }

    @Test
    void aCallWhoseHeartbeatsStoppedIsEndedByTheNextCheckpointAtItsLastProvenMoment() {
        var call = CallDriver.connected();
        call.heartbeats(10, 60); // last proof t(60); then every node is down and the heartbeats are gone
        assertThat(CallWatch.nextWakeUp(call.state, t(60), RULES)).contains(t(70));
        call.run(new Expire(CALL, DeadlineKind.HEARTBEAT_LOSS, t(70)));
        assertThat(call.state).isInstanceOf(Connected.class);
        assertThat(CallWatch.nextWakeUp(call.state, t(70), RULES)).contains(t(130));
        call.run(new Expire(CALL, DeadlineKind.HEARTBEAT_LOSS, t(130)));
        var ended = call.ended();
        assertThat(ended.reason()).isEqualTo(EndReason.CONNECTION_LOST);
        assertThat(ended.billableUntil()).isEqualTo(t(60));
    }

    @Test
    void aMemberWhoseHoldCoversOneMinuteIsWarnedAndEndedForBalanceAfterThatMinute() {
        var call = new CallDriver();
        call.run(new CallCommand.RequestCall(CALL, CallDriver.MEMBER, CallDriver.COMPANION,
                app.hearth.domain.money.wallet.CallKind.AUDIO, 60, t(0)));
        call.run(new CallCommand.AcceptCall(CALL, CallDriver.COMPANION, t(5)));
        call.run(new CallCommand.JoinRoom(CALL, CallDriver.MEMBER, t(8)));
        call.run(new CallCommand.JoinRoom(CALL, CallDriver.COMPANION, t(10)));
        Connected connected = call.state(Connected.class);
        assertThat(connected.coveredUntil()).isEqualTo(t(70));
        assertThat(connected.coverageFailing()).isTrue();
        assertThat(connected.warnedDownTo()).isEqualTo(120);
        assertThat(CallWatch.nextWakeUp(call.state, t(10), RULES)).contains(t(40));
        call.heartbeats(10, 70);
        call.run(new Expire(CALL, DeadlineKind.BALANCE, t(70)));
        assertThat(call.ended().reason()).isEqualTo(EndReason.BALANCE_EXHAUSTED);
        assertThat(call.ended().billableSeconds()).isEqualTo(60);
    }
}
