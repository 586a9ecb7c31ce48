package app.hearth.domain.calls;

import static app.hearth.domain.calls.CallDriver.CALL;
import static app.hearth.domain.calls.CallDriver.COMPANION;
import static app.hearth.domain.calls.CallDriver.MEMBER;
import static app.hearth.domain.calls.CallDriver.RULES;
import static app.hearth.domain.calls.CallDriver.STRANGER;
import static app.hearth.domain.calls.CallDriver.T0;
import static app.hearth.domain.calls.CallDriver.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.domain.calls.CallCommand.AcceptCall;
import app.hearth.domain.calls.CallCommand.CancelCall;
import app.hearth.domain.calls.CallCommand.CoverageNotExtended;
import app.hearth.domain.calls.CallCommand.DeclineCall;
import app.hearth.domain.calls.CallCommand.EndByStaff;
import app.hearth.domain.calls.CallCommand.Expire;
import app.hearth.domain.calls.CallCommand.ExtendCoverage;
import app.hearth.domain.calls.CallCommand.HangUp;
import app.hearth.domain.calls.CallCommand.JoinRoom;
import app.hearth.domain.calls.CallCommand.ProvePresence;
import app.hearth.domain.calls.CallCommand.RequestCall;
import app.hearth.domain.calls.CallEvent.BalanceWarning;
import app.hearth.domain.calls.CallEvent.CallAccepted;
import app.hearth.domain.calls.CallEvent.CallConnected;
import app.hearth.domain.calls.CallEvent.CallEnded;
import app.hearth.domain.calls.CallEvent.ParticipantJoined;
import app.hearth.domain.calls.CallEvent.PresenceProven;
import app.hearth.domain.calls.CallSession.Accepted;
import app.hearth.domain.calls.CallSession.Connected;
import app.hearth.domain.calls.CallSession.Ended;
import app.hearth.domain.calls.CallSession.Ringing;
import app.hearth.domain.money.wallet.CallKind;
import app.hearth.domain.shared.RuleViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CallDeciderTest {

    static void refused(ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RuleViolation.class,
                violation -> assertThat(violation.code()).isEqualTo(code));
    }

    static void refused(ThrowingCallable call, String code, RuleViolation.Category category) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RuleViolation.class, violation -> {
            assertThat(violation.code()).isEqualTo(code);
            assertThat(violation.category()).isEqualTo(category);
        });
    }

    static Expire expire(DeadlineKind kind, Instant at) {
        return new Expire(CALL, kind, at);
    }

    @Nested
    class Requesting {
        @Test
        void aRequestRingsAndTheSameRequestTwiceHasTheEffectOfOnce() {
            var call = CallDriver.ringing();
            assertThat(call.state(Ringing.class).requestedAt()).isEqualTo(T0);
            assertThat(call.run(new RequestCall(CALL, MEMBER, COMPANION, CallKind.AUDIO, t(3)))).isEmpty();
        }

        @Test
        void aCallIdCannotBeReusedForAnotherCall() {
            var call = CallDriver.ringing();
            refused(() -> call.run(new RequestCall(CALL, MEMBER, COMPANION, CallKind.VIDEO, t(1))),
                    CallDecider.CALL_ID_TAKEN, RuleViolation.Category.CONFLICT);
        }

        @Test
        void aMemberCannotCallThemselvesAndAnUnknownCallIsNotFound() {
            refused(() -> new RequestCall(CALL, MEMBER, MEMBER, CallKind.AUDIO, T0), CallDecider.SAME_PARTICIPANT);
            refused(() -> CallDecider.decide(new AcceptCall(CALL, COMPANION, T0), CallDecider.initialState(), RULES),
                    CallDecider.CALL_NOT_FOUND, RuleViolation.Category.NOT_FOUND);
            refused(() -> new ProvePresence(CALL, null, null, T0), "FIELD_REQUIRED");
        }

        @Test
        void aCommandForAnotherCallIdIsRefused() {
            var call = CallDriver.ringing();
            refused(() -> call.run(new AcceptCall("call-2", COMPANION, t(1))), CallDecider.CALL_ID_MISMATCH);
        }
    }

    @Nested
    class Ringing_ {
        @Test
        void theCompanionAccepts() {
            var call = CallDriver.ringing();
            assertThat(call.run(new AcceptCall(CALL, COMPANION, t(5))))
                    .containsExactly(new CallAccepted(CALL, COMPANION, t(5)));
            assertThat(call.state(Accepted.class).acceptedAt()).isEqualTo(t(5));
            assertThat(call.run(new AcceptCall(CALL, COMPANION, t(6)))).isEmpty();
        }

        @Test
        void theCompanionDeclines() {
            var call = CallDriver.ringing();
            call.run(new DeclineCall(CALL, COMPANION, t(5)));
            var ended = call.ended();
            assertThat(ended.reason()).isEqualTo(EndReason.DECLINED);
            assertThat(ended.endedBy()).isEqualTo(COMPANION);
            assertThat(ended.endedAt()).isEqualTo(t(5));
            assertThat(ended.connectedAt()).isNull();
            assertThat(ended.billableUntil()).isNull();
            assertThat(ended.chargeable()).isFalse();
            assertThat(ended.completed()).isFalse();
            assertThat(call.state(Ended.class).completed()).isFalse();
        }

        @Test
        void theMemberCancelsOrHangsUpWhichCancels() {
            var cancelled = CallDriver.ringing();
            cancelled.run(new CancelCall(CALL, MEMBER, t(5)));
            assertThat(cancelled.ended().reason()).isEqualTo(EndReason.CANCELLED);

            var hungUp = CallDriver.ringing();
            hungUp.run(new HangUp(CALL, MEMBER, t(5)));
            assertThat(hungUp.ended().reason()).isEqualTo(EndReason.CANCELLED);

            var companionHungUp = CallDriver.ringing();
            companionHungUp.run(new HangUp(CALL, COMPANION, t(5)));
            assertThat(companionHungUp.ended().reason()).isEqualTo(EndReason.DECLINED);
        }

        @Test
        void noAnswerIn45SecondsIsMissedAtTheDueTimeEvenWhenTheWatchdogIsLate() {
            var call = CallDriver.ringing();
            assertThat(call.run(expire(DeadlineKind.RING, t(44)))).isEmpty();
            call.run(expire(DeadlineKind.RING, t(52)));
            var ended = call.ended();
            assertThat(ended.reason()).isEqualTo(EndReason.MISSED);
            assertThat(ended.endedAt()).isEqualTo(t(45));
            assertThat(ended.at()).isEqualTo(t(52));
            assertThat(ended.endedBy()).isNull();
        }

        @Test
        void anAcceptAfterTheRingTimeoutFindsTheCallMissedAndALaterOneIsRefused() {
            var call = CallDriver.ringing();
            call.run(new AcceptCall(CALL, COMPANION, t(45)));
            assertThat(call.ended().reason()).isEqualTo(EndReason.MISSED);
            refused(() -> call.run(new AcceptCall(CALL, COMPANION, t(46))), CallDecider.CALL_ENDED,
                    RuleViolation.Category.CONFLICT);
        }

        @Test
        void onlyTheCompanionAnswersOnlyTheMemberCancelsAndStrangersDoNothing() {
            var call = CallDriver.ringing();
            refused(() -> call.run(new AcceptCall(CALL, MEMBER, t(1))), CallDecider.WRONG_PARTICIPANT,
                    RuleViolation.Category.FORBIDDEN);
            refused(() -> call.run(new DeclineCall(CALL, MEMBER, t(1))), CallDecider.WRONG_PARTICIPANT);
            refused(() -> call.run(new CancelCall(CALL, COMPANION, t(1))), CallDecider.WRONG_PARTICIPANT);
            refused(() -> call.run(new AcceptCall(CALL, STRANGER, t(1))), CallDecider.NOT_A_PARTICIPANT,
                    RuleViolation.Category.FORBIDDEN);
            refused(() -> call.run(new HangUp(CALL, STRANGER, t(1))), CallDecider.NOT_A_PARTICIPANT);
            refused(() -> call.run(new JoinRoom(CALL, STRANGER, t(1))), CallDecider.NOT_A_PARTICIPANT);
            assertThat(call.events).hasSize(1);
        }

        @Test
        void nobodyJoinsOrPaysForARingingCall() {
            var call = CallDriver.ringing();
            refused(() -> call.run(new JoinRoom(CALL, MEMBER, t(1))), CallDecider.CALL_NOT_ACCEPTED);
            refused(() -> call.run(new ExtendCoverage(CALL, t(200), t(1))), CallDecider.CALL_NOT_CONNECTED);
            refused(() -> call.run(new CoverageNotExtended(CALL, t(200), t(1))), CallDecider.CALL_NOT_CONNECTED);
            assertThat(call.run(new ProvePresence(CALL, t(1), t(1), t(1)))).isEmpty();
        }

        @Test
        void staffMayEndARingingCall() {
            var call = CallDriver.ringing();
            call.run(new EndByStaff(CALL, "admin-1", t(3)));
            assertThat(call.ended().reason()).isEqualTo(EndReason.ENDED_BY_STAFF);
            assertThat(call.ended().endedBy()).isEqualTo("admin-1");
        }
    }

    @Nested
    class Joining {
        @Test
        void theCallConnectsAtTheSecondJoinWithTwoMinutesCovered() {
            var call = CallDriver.accepted();
            assertThat(call.run(new JoinRoom(CALL, MEMBER, t(8))))
                    .containsExactly(new ParticipantJoined(CALL, MEMBER, Side.MEMBER, t(8)));
            assertThat(call.run(new JoinRoom(CALL, MEMBER, t(9)))).isEmpty();
            assertThat(call.state(Accepted.class).memberJoined()).isTrue();
            assertThat(call.run(new JoinRoom(CALL, COMPANION, t(10)))).containsExactly(
                    new ParticipantJoined(CALL, COMPANION, Side.COMPANION, t(10)),
                    new CallConnected(CALL, t(10), t(130), t(10)));
            var connected = call.state(Connected.class);
            assertThat(connected.connectedAt()).isEqualTo(t(10));
            assertThat(connected.bothUntil()).isEqualTo(t(10));
            assertThat(connected.coveredUntil()).isEqualTo(t(130));
        }

        @Test
        void notBothInTheRoom30SecondsAfterTheAcceptFails() {
            var nobody = CallDriver.accepted();
            nobody.run(expire(DeadlineKind.JOIN, t(40)));
            assertThat(nobody.ended().reason()).isEqualTo(EndReason.FAILED);
            assertThat(nobody.ended().endedAt()).isEqualTo(t(35));

            var one = CallDriver.accepted();
            one.run(new JoinRoom(CALL, MEMBER, t(20)));
            assertThat(one.run(expire(DeadlineKind.JOIN, t(34)))).isEmpty();
            one.run(new JoinRoom(CALL, COMPANION, t(35)));
            assertThat(one.ended().reason()).isEqualTo(EndReason.FAILED);
            assertThat(one.state(Ended.class).acceptedAt()).isEqualTo(t(5));
        }

        @Test
        void aHangUpBeforeTheConnectEndsTheCallUnconnectedAndNotCompleted() {
            var call = CallDriver.accepted();
            call.run(new HangUp(CALL, COMPANION, t(12)));
            var ended = call.ended();
            assertThat(ended.reason()).isEqualTo(EndReason.HUNG_UP_BY_COMPANION);
            assertThat(ended.completed()).isFalse();
            assertThat(ended.chargeable()).isFalse();
            assertThat(ended.verdict().startedMinutes()).isZero();
        }

        @Test
        void declineAndCancelAreTooLateOnceAccepted() {
            var call = CallDriver.accepted();
            refused(() -> call.run(new DeclineCall(CALL, COMPANION, t(6))), CallDecider.CALL_NOT_RINGING);
            refused(() -> call.run(new CancelCall(CALL, MEMBER, t(6))), CallDecider.CALL_NOT_RINGING);
            refused(() -> call.run(new ExtendCoverage(CALL, t(200), t(6))), CallDecider.CALL_NOT_CONNECTED);
            assertThat(call.run(new ProvePresence(CALL, t(6), t(6), t(6)))).isEmpty();
        }

        @Test
        void staffMayEndAnAcceptedCall() {
            var call = CallDriver.accepted();
            call.run(new EndByStaff(CALL, "admin-1", t(7)));
            assertThat(call.ended().reason()).isEqualTo(EndReason.ENDED_BY_STAFF);
        }
    }

    @Nested
    class Presence {
        @Test
        void olderProofsChangeNothingAndFutureProofsCountAsNow() {
            var call = CallDriver.connected();
            assertThat(call.run(new ProvePresence(CALL, t(30), null, t(31)))).containsExactly(
                    new PresenceProven(CALL, t(30), t(10), t(10), t(31)));
            assertThat(call.run(new ProvePresence(CALL, t(20), t(5), t(32)))).isEmpty();
            assertThat(call.run(new ProvePresence(CALL, t(30), t(99), t(40)))).containsExactly(
                    new PresenceProven(CALL, t(30), t(40), t(30), t(40)));
        }

        @Test
        void aRejoinProvesTheRejoinerPresent() {
            var call = CallDriver.connected();
            call.run(new JoinRoom(CALL, COMPANION, t(25)));
            assertThat(call.state(Connected.class).companionSeenAt()).isEqualTo(t(25));
            assertThat(call.state(Connected.class).memberSeenAt()).isEqualTo(t(10));
        }

        @Test
        void livenessIsAliveUnder20SecondsReconnectingFrom20AndLostFrom45() {
            assertThat(RULES.liveness(T0, t(19))).isEqualTo(Liveness.ALIVE);
            assertThat(RULES.liveness(T0, t(20))).isEqualTo(Liveness.RECONNECTING);
            assertThat(RULES.liveness(T0, t(44))).isEqualTo(Liveness.RECONNECTING);
            assertThat(RULES.liveness(T0, t(45))).isEqualTo(Liveness.LOST);
            var call = CallDriver.connected();
            call.run(new ProvePresence(CALL, t(40), t(15), t(40)));
            assertThat(CallDecider.liveness(call.state(Connected.class), Side.MEMBER, t(41), RULES))
                    .isEqualTo(Liveness.ALIVE);
            assertThat(CallDecider.liveness(call.state(Connected.class), Side.COMPANION, t(41), RULES))
                    .isEqualTo(Liveness.RECONNECTING);
        }

        @Test
        void aSideSilent45SecondsLosesTheCallAndBillingStopsAtTheLastMomentBothWereProvenPresent() {
            var call = CallDriver.connected().heartbeats(10, 100);
            call.run(new ExtendCoverage(CALL, t(250), t(120)));
            call.run(new ProvePresence(CALL, t(130), null, t(130))); // the companion went silent after t(100)
            assertThat(call.run(expire(DeadlineKind.HEARTBEAT_LOSS, t(144)))).isEmpty();
            call.run(expire(DeadlineKind.HEARTBEAT_LOSS, t(160))); // the watchdog is 15 s late
            var ended = call.ended();
            assertThat(ended.reason()).isEqualTo(EndReason.CONNECTION_LOST);
            assertThat(ended.endedAt()).isEqualTo(t(100));
            assertThat(ended.billableUntil()).isEqualTo(t(100));
            assertThat(ended.connectedSeconds()).isEqualTo(90);
            assertThat(ended.billableSeconds()).isEqualTo(90);
            assertThat(ended.verdict().startedMinutes()).isEqualTo(2);
            assertThat(ended.completed()).isFalse();
        }

        @Test
        void aSideBackWithin45SecondsKeepsTheCallGoing() {
            var call = CallDriver.connected().heartbeats(10, 50);
            call.run(new ProvePresence(CALL, t(94), t(94), t(94))); // 44 s of silence
            assertThat(call.run(expire(DeadlineKind.HEARTBEAT_LOSS, t(95)))).isEmpty();
            assertThat(call.state).isInstanceOf(Connected.class);
        }

        @Test
        void aHangUpAfterTheOtherSideWasLostFindsTheCallLost() {
            var call = CallDriver.connected().heartbeats(10, 60);
            call.run(new ProvePresence(CALL, t(100), null, t(100)));
            call.run(new HangUp(CALL, MEMBER, t(106))); // companion silent since t(60): lost at t(105)
            assertThat(call.ended().reason()).isEqualTo(EndReason.CONNECTION_LOST);
            assertThat(call.ended().billableUntil()).isEqualTo(t(60));
        }
    }

    @Nested
    class Billing {
        @Test
        void aHangUpIsBilledUntilTheOtherSidesLastProofAndProvesTheOneHangingUp() {
            var call = CallDriver.connected().heartbeats(10, 100);
            call.run(new ExtendCoverage(CALL, t(190), t(70)));
            call.run(new HangUp(CALL, MEMBER, t(105)));
            var ended = call.ended();
            assertThat(ended.reason()).isEqualTo(EndReason.HUNG_UP_BY_MEMBER);
            assertThat(ended.endedBy()).isEqualTo(MEMBER);
            assertThat(ended.endedAt()).isEqualTo(t(105));
            assertThat(ended.billableUntil()).isEqualTo(t(100));
            assertThat(ended.connectedSeconds()).isEqualTo(95);
            assertThat(ended.billableSeconds()).isEqualTo(90);
            assertThat(ended.chargeable()).isTrue();
            assertThat(ended.completed()).isTrue();
            assertThat(ended.verdict().startedMinutes()).isEqualTo(2);
            assertThat(call.state(Ended.class).completed()).isTrue();
        }

        @Test
        void aHangUpRightAfterAProofOfBothIsBilledToTheHangUp() {
            var call = CallDriver.connected().heartbeats(10, 60);
            call.run(new ProvePresence(CALL, t(70), t(70), t(70)));
            call.run(new HangUp(CALL, COMPANION, t(70)));
            assertThat(call.ended().reason()).isEqualTo(EndReason.HUNG_UP_BY_COMPANION);
            assertThat(call.ended().billableSeconds()).isEqualTo(60);
            assertThat(call.ended().verdict().startedMinutes()).isEqualTo(1);
        }

        @Test
        void aCallConnectedUnder60SecondsIsNotChargedAndFrom60SecondsItIs() {
            var short_ = CallDriver.connected().heartbeats(10, 60);
            short_.run(new HangUp(CALL, MEMBER, t(69)));
            assertThat(short_.ended().connectedSeconds()).isEqualTo(59);
            assertThat(short_.ended().chargeable()).isFalse();
            assertThat(short_.ended().billableSeconds()).isZero();
            assertThat(short_.ended().verdict().startedMinutes()).isZero();
            assertThat(short_.ended().completed()).isTrue();

            var minute = CallDriver.connected().heartbeats(10, 70);
            minute.run(new HangUp(CALL, MEMBER, t(70)));
            assertThat(minute.ended().chargeable()).isTrue();
            assertThat(minute.ended().billableSeconds()).isEqualTo(60);
            assertThat(minute.ended().verdict().startedMinutes()).isEqualTo(1);
        }

        @Test
        void billableMinutesAreStartedMinutes() {
            var call = CallDriver.connected().heartbeats(10, 70);
            call.run(new ProvePresence(CALL, t(71), t(71), t(71)));
            call.run(new HangUp(CALL, MEMBER, t(71)));
            assertThat(call.ended().billableSeconds()).isEqualTo(61);
            assertThat(call.ended().verdict().startedMinutes()).isEqualTo(2);
        }

        @Test
        void billingNeverRunsBeyondTheCoveredTime() {
            var call = CallDriver.connected().heartbeats(10, 120);
            // proofs up to t(135) arrive late, after the coverage (until t(130)) ran out
            call.run(new ProvePresence(CALL, t(135), t(135), t(135)));
            var ended = call.ended();
            assertThat(ended.reason()).isEqualTo(EndReason.BALANCE_EXHAUSTED);
            assertThat(ended.endedAt()).isEqualTo(t(130));
            assertThat(ended.billableUntil()).isEqualTo(t(130));
            assertThat(ended.billableSeconds()).isEqualTo(120);
            assertThat(ended.completed()).isTrue();
        }

        @Test
        void staffEndingIsBilledUntilBothWereLastProvenPresent() {
            var call = CallDriver.connected().heartbeats(10, 90);
            call.run(new EndByStaff(CALL, "supervisor-1", t(95)));
            assertThat(call.ended().reason()).isEqualTo(EndReason.ENDED_BY_STAFF);
            assertThat(call.ended().billableUntil()).isEqualTo(t(90));
            assertThat(call.ended().completed()).isFalse();
            assertThat(call.ended().chargeable()).isTrue();
        }
    }

    @Nested
    class Balance {
        @Test
        void extensionsKeepTheCallGoingAndNeverShrinkTheCoverage() {
            var call = CallDriver.connected().heartbeats(10, 70);
            assertThat(call.run(new ExtendCoverage(CALL, t(190), t(70)))).hasSize(1);
            assertThat(call.run(new ExtendCoverage(CALL, t(150), t(71)))).isEmpty();
            assertThat(call.state(Connected.class).coveredUntil()).isEqualTo(t(190));
        }

        @Test
        void anExtensionThatArrivesLateButBeforeTheWatchdogKeepsTheCallGoing() {
            var call = CallDriver.connected().heartbeats(10, 120);
            call.run(new ExtendCoverage(CALL, t(250), t(131))); // after t(130): facts first, then deadlines
            assertThat(call.state(Connected.class).coveredUntil()).isEqualTo(t(250));
            assertThat(call.run(expire(DeadlineKind.BALANCE, t(132)))).isEmpty();
        }

        @Test
        void anUnextendedHoldEndsTheCallAtTheEndOfTheCoveredTime() {
            var call = CallDriver.connected().heartbeats(10, 120);
            call.run(new CoverageNotExtended(CALL, t(130), t(70)));
            call.run(new ProvePresence(CALL, t(129), t(129), t(129)));
            assertThat(call.run(expire(DeadlineKind.BALANCE, t(129)))).isEmpty();
            call.run(expire(DeadlineKind.BALANCE, t(131)));
            var ended = call.ended();
            assertThat(ended.reason()).isEqualTo(EndReason.BALANCE_EXHAUSTED);
            assertThat(ended.endedAt()).isEqualTo(t(130));
            assertThat(ended.billableUntil()).isEqualTo(t(129));
            assertThat(ended.completed()).isTrue();
        }

        @Test
        void warnsAt2MinutesAndAt30SecondsLeftEachOnce() {
            var call = CallDriver.connected().heartbeats(10, 60);
            call.run(new ExtendCoverage(CALL, t(250), t(60)));
            call.heartbeats(60, 120);
            assertThat(call.run(new CoverageNotExtended(CALL, t(250), t(120))))
                    .containsExactly(new CallEvent.CoverageNotExtended(CALL, t(250), t(120)));
            assertThat(CallDecider.nextDeadlines(call.state, RULES)).contains(
                    new Deadline(DeadlineKind.BALANCE_WARNING, t(130)));
            assertThat(CallDecider.dueWarnings(call.state, t(129))).isEmpty();
            assertThat(call.run(expire(DeadlineKind.BALANCE_WARNING, t(130))))
                    .containsExactly(new BalanceWarning(CALL, 120, t(250), t(130)));
            assertThat(call.run(expire(DeadlineKind.BALANCE_WARNING, t(131)))).isEmpty();
            assertThat(call.run(new ProvePresence(CALL, t(140), t(140), t(140))))
                    .noneMatch(BalanceWarning.class::isInstance);
            assertThat(CallDecider.nextDeadlines(call.state, RULES)).contains(
                    new Deadline(DeadlineKind.BALANCE_WARNING, t(220)));
            call.heartbeats(140, 210);
            assertThat(call.run(new ProvePresence(CALL, t(220), t(220), t(221)))).containsExactly(
                    new PresenceProven(CALL, t(220), t(220), t(220), t(221)),
                    new BalanceWarning(CALL, 30, t(250), t(221)));
            assertThat(call.run(expire(DeadlineKind.BALANCE_WARNING, t(222)))).isEmpty();
            assertThat(CallDecider.nextDeadlines(call.state, RULES)).extracting(Deadline::kind)
                    .doesNotContain(DeadlineKind.BALANCE_WARNING);
            assertThat(call.events).filteredOn(BalanceWarning.class::isInstance).hasSize(2);
        }

        @Test
        void aFailureWithLessThan30SecondsLeftGivesOnlyTheLastWarning() {
            var call = CallDriver.connected().heartbeats(10, 100);
            assertThat(call.run(new CoverageNotExtended(CALL, t(130), t(105)))).containsExactly(
                    new CallEvent.CoverageNotExtended(CALL, t(130), t(105)),
                    new BalanceWarning(CALL, 30, t(130), t(105)));
            assertThat(call.run(new CoverageNotExtended(CALL, t(130), t(106)))).isEmpty();
        }

        @Test
        void aToppedUpBalanceStopsTheEndAndWarnsAgainForTheNextCoverage() {
            var call = CallDriver.connected().heartbeats(10, 60);
            call.run(new CoverageNotExtended(CALL, t(130), t(60)));
            assertThat(call.events.getLast()).isEqualTo(new BalanceWarning(CALL, 120, t(130), t(60)));
            call.run(new ExtendCoverage(CALL, t(250), t(70)));
            assertThat(call.state(Connected.class).coverageFailing()).isFalse();
            assertThat(call.state(Connected.class).warnedDownTo()).isZero();
            call.heartbeats(60, 130);
            call.run(new CoverageNotExtended(CALL, t(250), t(135)));
            assertThat(call.events.getLast()).isEqualTo(new BalanceWarning(CALL, 120, t(250), t(135)));
        }

        @Test
        void noCallEndsForBalanceBefore60SecondsConnected() {
            var connected = new Connected(CALL, new CallSetup(MEMBER, COMPANION, CallKind.VIDEO), T0, t(5), t(10),
                    t(69), t(69), t(40), true, 0);
            assertThat(CallDecider.balanceDue(connected)).isEqualTo(t(70));
            var ended = CallDecider.decide(new ProvePresence(CALL, t(69), t(69), t(69)), connected, RULES);
            assertThat(ended).noneMatch(CallEnded.class::isInstance);
            var end = (CallEnded) CallDecider.decide(expire(DeadlineKind.BALANCE, t(70)), connected, RULES).getFirst();
            assertThat(end.reason()).isEqualTo(EndReason.BALANCE_EXHAUSTED);
            assertThat(end.endedAt()).isEqualTo(t(70));
            assertThat(end.chargeable()).isTrue();
            assertThat(end.billableUntil()).isEqualTo(t(40)); // the covered time caps the billing
        }
    }

    @Nested
    class ExactlyOnce {
        @Test
        void nothingHappensToACallAfterItsEnd() {
            var call = CallDriver.connected().heartbeats(10, 100);
            call.run(new HangUp(CALL, MEMBER, t(100)));
            var ended = call.state;
            List<CallCommand> late = List.of(new HangUp(CALL, COMPANION, t(101)),
                    new HangUp(CALL, MEMBER, t(101)), new JoinRoom(CALL, MEMBER, t(101)),
                    new ProvePresence(CALL, t(101), t(101), t(101)), new ExtendCoverage(CALL, t(400), t(101)),
                    new CoverageNotExtended(CALL, t(400), t(101)), expire(DeadlineKind.HEARTBEAT_LOSS, t(500)),
                    expire(DeadlineKind.BALANCE, t(500)), new EndByStaff(CALL, "admin-1", t(102)),
                    new AcceptCall(CALL, COMPANION, t(103)),
                    new RequestCall(CALL, MEMBER, COMPANION, CallKind.AUDIO, t(104)));
            for (CallCommand command : late) {
                assertThat(call.run(command)).as(command.toString()).isEmpty();
            }
            assertThat(call.state).isEqualTo(ended);
            assertThat(call.ended()).isNotNull();
            refused(() -> call.run(new DeclineCall(CALL, COMPANION, t(105))), CallDecider.CALL_ENDED);
            refused(() -> call.run(new CancelCall(CALL, MEMBER, t(105))), CallDecider.CALL_ENDED);
            refused(() -> call.run(new HangUp(CALL, STRANGER, t(105))), CallDecider.NOT_A_PARTICIPANT);
        }

        @Test
        void aRepeatedDeclineOrCancelChangesNothing() {
            var declined = CallDriver.ringing();
            declined.run(new DeclineCall(CALL, COMPANION, t(3)));
            assertThat(declined.run(new DeclineCall(CALL, COMPANION, t(4)))).isEmpty();
            refused(() -> declined.run(new AcceptCall(CALL, COMPANION, t(4))), CallDecider.CALL_ENDED);

            var cancelled = CallDriver.ringing();
            cancelled.run(new CancelCall(CALL, MEMBER, t(3)));
            assertThat(cancelled.run(new CancelCall(CALL, MEMBER, t(4)))).isEmpty();
            refused(() -> cancelled.run(new DeclineCall(CALL, COMPANION, t(4))), CallDecider.CALL_ENDED);
        }

        @Test
        void evolvingAnEventThatCannotFollowTheStateFails() {
            var call = CallDriver.ringing();
            assertThatThrownBy(() -> CallDecider.evolve(call.state, new CallConnected(CALL, t(1), t(121), t(1))))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    class Deadlines {
        @Test
        void everyCallThatHasNotEndedHasADeadline() {
            assertThat(CallDecider.nextDeadlines(CallDecider.initialState(), RULES)).isEmpty();
            var call = CallDriver.ringing();
            assertThat(CallDecider.nextDeadlines(call.state, RULES))
                    .containsExactly(new Deadline(DeadlineKind.RING, t(45)));
            call.run(new AcceptCall(CALL, COMPANION, t(5)));
            assertThat(CallDecider.nextDeadlines(call.state, RULES))
                    .containsExactly(new Deadline(DeadlineKind.JOIN, t(35)));
            call.run(new JoinRoom(CALL, MEMBER, t(8)));
            assertThat(CallDecider.nextDeadlines(call.state, RULES))
                    .containsExactly(new Deadline(DeadlineKind.JOIN, t(35)));
            call.run(new JoinRoom(CALL, COMPANION, t(10)));
            assertThat(CallDecider.nextDeadlines(call.state, RULES)).containsExactly(
                    new Deadline(DeadlineKind.HEARTBEAT_LOSS, t(55)), new Deadline(DeadlineKind.BALANCE, t(130)));
            call.run(new ProvePresence(CALL, t(30), t(20), t(30)));
            call.run(new ExtendCoverage(CALL, t(190), t(30)));
            assertThat(CallDecider.nextDeadlines(call.state, RULES)).containsExactly(
                    new Deadline(DeadlineKind.HEARTBEAT_LOSS, t(65)), new Deadline(DeadlineKind.BALANCE, t(190)));
            call.run(new HangUp(CALL, MEMBER, t(40)));
            assertThat(CallDecider.nextDeadlines(call.state, RULES)).isEmpty();
        }

        @Test
        void aStaleOrEarlyDeadlineDoesNothing() {
            var call = CallDriver.connected();
            assertThat(call.run(expire(DeadlineKind.RING, t(50)))).isEmpty();
            assertThat(call.run(expire(DeadlineKind.JOIN, t(50)))).isEmpty();
            assertThat(call.run(expire(DeadlineKind.BALANCE, t(50)))).isEmpty();
            assertThat(call.state).isInstanceOf(Connected.class);
        }
    }

    /** The timeouts are configuration: the same rules, judged by other numbers. */
    @Nested
    class ConfiguredTimeouts {

        private final CallTimeouts quick = new CallTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofSeconds(25), Duration.ofSeconds(60));

        @Test
        void aCallRingsForTheConfiguredRingTimeoutAndIsMissedAtItsEnd() {
            var call = CallDriver.ringing(quick);
            assertThat(CallDecider.nextDeadlines(call.state, quick))
                    .containsExactly(new Deadline(DeadlineKind.RING, t(30)));
            assertThat(call.run(expire(DeadlineKind.RING, t(29)))).isEmpty();
            call.run(new AcceptCall(CALL, COMPANION, t(31))); // a second too late: the call was missed at t(30)
            assertThat(call.ended().reason()).isEqualTo(EndReason.MISSED);
            assertThat(call.ended().endedAt()).isEqualTo(t(30));
        }

        @Test
        void anAcceptedCallWaitsForTheRoomForTheConfiguredJoinTimeout() {
            var call = CallDriver.accepted(quick);
            assertThat(CallDecider.nextDeadlines(call.state, quick))
                    .containsExactly(new Deadline(DeadlineKind.JOIN, t(15)));
            call.run(new JoinRoom(CALL, MEMBER, t(14)));
            call.run(expire(DeadlineKind.JOIN, t(15)));
            assertThat(call.ended().reason()).isEqualTo(EndReason.FAILED);
            assertThat(call.ended().endedAt()).isEqualTo(t(15));
        }

        @Test
        void aSilentSideIsReconnectingAndThenLostAfterTheConfiguredSilences() {
            assertThat(quick.liveness(T0, t(24))).isEqualTo(Liveness.ALIVE);
            assertThat(quick.liveness(T0, t(25))).isEqualTo(Liveness.RECONNECTING);
            assertThat(quick.liveness(T0, t(59))).isEqualTo(Liveness.RECONNECTING);
            assertThat(quick.liveness(T0, t(60))).isEqualTo(Liveness.LOST);
            var call = CallDriver.connected(quick).heartbeats(10, 80);
            call.run(new ExtendCoverage(CALL, t(250), t(120)));
            call.run(new ProvePresence(CALL, t(130), null, t(130))); // silent since t(80): lost by default at t(125)
            assertThat(CallDecider.nextDeadlines(call.state, quick))
                    .contains(new Deadline(DeadlineKind.HEARTBEAT_LOSS, t(140)));
            assertThat(call.run(expire(DeadlineKind.HEARTBEAT_LOSS, t(139)))).isEmpty(); // lost at 45 s by default
            call.run(expire(DeadlineKind.HEARTBEAT_LOSS, t(140)));
            assertThat(call.ended().reason()).isEqualTo(EndReason.CONNECTION_LOST);
            assertThat(call.ended().billableUntil()).as("billed to the last proof, whatever the timeout")
                    .isEqualTo(t(80));
        }

        @Test
        void timeoutsThatWouldContradictTheHeartbeatsAreRefused() {
            Duration s20 = Duration.ofSeconds(20);
            assertThatThrownBy(() -> new CallTimeouts(Duration.ZERO, s20, s20, Duration.ofSeconds(45)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ring");
            assertThatThrownBy(() -> new CallTimeouts(s20, s20, Duration.ofSeconds(10), Duration.ofSeconds(45)))
                    .as("reconnecting no later than a heartbeat is due").isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("heartbeat interval");
            assertThatThrownBy(() -> new CallTimeouts(s20, s20, s20, s20))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lostAfter");
        }
    }
}
