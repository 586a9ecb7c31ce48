package app.hearth.domain.calls;

import static app.hearth.domain.calls.CallDriver.CALL;
import static app.hearth.domain.calls.CallDriver.RULES;
import static app.hearth.domain.calls.CallDriver.COMPANION;
import static app.hearth.domain.calls.CallDriver.MEMBER;
import static app.hearth.domain.calls.CallDriver.STRANGER;
import static app.hearth.domain.calls.CallDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

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
import app.hearth.domain.calls.CallEvent.CallEnded;
import app.hearth.domain.calls.CallSession.Connected;
import app.hearth.domain.calls.CallSession.Ended;
import app.hearth.domain.money.wallet.CallKind;
import app.hearth.domain.shared.RuleViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeded random calls: participants that answer or not, join or not, heartbeat with lags and go silent, holds that
 * extend or run out, late and stale deadlines, strangers, repeats, staff. After every step and at the end the call
 * invariants hold. A failing seed is printed so it can be replayed.
 */
class CallSimulationTest {

    static final int SEEDS = 300;
    static final int STEPS = 120;
    static final Set<String> CALLER_MISTAKES = Set.of(CallDecider.NOT_A_PARTICIPANT, CallDecider.WRONG_PARTICIPANT,
            CallDecider.CALL_NOT_RINGING, CallDecider.CALL_NOT_ACCEPTED, CallDecider.CALL_NOT_CONNECTED,
            CallDecider.CALL_ENDED);

    @Test
    void everyCallEndsExactlyOnceAndIsNeverBilledBeyondItsLastProofOrItsCoverageOrUnder60Seconds() {
        Set<EndReason> reasons = EnumSet.noneOf(EndReason.class);
        int charged = 0;
        int shortCalls = 0;
        int warned = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            Simulation sim;
            try {
                sim = simulate(seed);
            } catch (AssertionError | RuntimeException failure) {
                throw new AssertionError("call simulation failed for seed " + seed, failure);
            }
            CallEnded ended = (CallEnded) sim.events.getLast();
            reasons.add(ended.reason());
            charged += ended.verdict().startedMinutes() > 0 ? 1 : 0;
            shortCalls += ended.connectedAt() != null && !ended.chargeable() ? 1 : 0;
            warned += sim.warnings.isEmpty() ? 0 : 1;
        }
        // the simulation reaches every end, charged and uncharged connected calls, and warnings
        assertThat(reasons).containsExactlyInAnyOrder(EndReason.values());
        assertThat(charged).isPositive();
        assertThat(shortCalls).isPositive();
        assertThat(warned).isPositive();
    }

    private static Simulation simulate(long seed) {
        var random = new Random(seed);
        var sim = new Simulation(random);
        sim.apply(new RequestCall(CALL, MEMBER, COMPANION, random.nextBoolean() ? CallKind.AUDIO : CallKind.VIDEO,
                sim.now));
        for (int step = 0; step < STEPS; step++) {
            boolean pause = sim.state instanceof Connected ? random.nextInt(12) == 0 : random.nextInt(40) == 0;
            sim.now = sim.now.plusSeconds(pause ? random.nextInt(70) : random.nextInt(12));
            sim.apply(sim.randomCommand());
        }
        // the watchdog fires whatever is left, possibly late: the call ends
        for (int fired = 0; fired < 20 && !(sim.state instanceof Ended); fired++) {
            List<Deadline> deadlines = CallDecider.nextDeadlines(sim.state, RULES);
            assertThat(deadlines).isNotEmpty();
            Deadline next = deadlines.getFirst();
            Instant due = next.due().isAfter(sim.now) ? next.due() : sim.now;
            sim.now = due.plusSeconds(random.nextInt(11));
            sim.apply(new Expire(CALL, next.kind(), sim.now));
        }
        assertThat(sim.state).isInstanceOf(Ended.class);
        assertThat(sim.events.stream().filter(CallEnded.class::isInstance).count()).isEqualTo(1);
        assertThat(sim.events.getLast()).isInstanceOf(CallEnded.class);
        return sim;
    }

    static final class Simulation {
        final Random random;
        final List<CallEvent> events = new ArrayList<>();
        final Set<String> warnings = new HashSet<>();
        CallSession state = CallDecider.initialState();
        Instant now = T0;
        boolean memberAlive = true;
        boolean companionAlive = true;
        boolean balanceLeft;
        // the latest presence the simulation proved to the decider, per side
        Instant memberProven;
        Instant companionProven;

        // a per-call temperament: how often sides go silent, and how often someone ends the call
        final int silenceOneIn;
        final int endOneIn;

        Simulation(Random random) {
            this.random = random;
            this.balanceLeft = random.nextBoolean();
            this.silenceOneIn = random.nextBoolean() ? 15 : 60;
            this.endOneIn = new int[] {4, 15, 80}[random.nextInt(3)];
            this.answer = random.nextInt(10);
            this.joins = random.nextInt(10);
        }

        // what the call is meant to do, followed most of the time: 0-6 accept, 7 decline, 8 cancel, 9 no answer;
        // 0-7 both join, 8 one joins, 9 nobody joins
        final int answer;
        final int joins;

        private CallCommand intended() {
            if (state instanceof CallSession.Ringing && random.nextInt(3) == 0) {
                return switch (answer) {
                    case 7 -> new DeclineCall(CALL, COMPANION, now);
                    case 8 -> new CancelCall(CALL, MEMBER, now);
                    case 9 -> new Expire(CALL, DeadlineKind.RING, now);
                    default -> new AcceptCall(CALL, COMPANION, now);
                };
            }
            if (state instanceof CallSession.Accepted accepted && random.nextInt(2) == 0) {
                if (joins == 9 || joins == 8 && accepted.memberJoined()) {
                    return new Expire(CALL, DeadlineKind.JOIN, now);
                }
                return new JoinRoom(CALL, accepted.memberJoined() ? COMPANION : MEMBER, now);
            }
            return null;
        }

        CallCommand randomCommand() {
            CallCommand intended = intended();
            if (intended != null) {
                return intended;
            }
            if (random.nextInt(silenceOneIn) == 0) {
                memberAlive = !memberAlive;
            }
            if (random.nextInt(silenceOneIn) == 0) {
                companionAlive = !companionAlive;
            }
            if (random.nextInt(endOneIn) == 0) {
                return random.nextInt(10) == 0 ? new EndByStaff(CALL, "admin-1", now)
                        : new HangUp(CALL, participant(), now);
            }
            if (random.nextInt(20) == 0) {
                balanceLeft = !balanceLeft;
            }
            int pick = random.nextInt(100);
            if (pick < 8) {
                return new AcceptCall(CALL, random.nextInt(8) == 0 ? MEMBER : COMPANION, now);
            } else if (pick < 11) {
                return new DeclineCall(CALL, COMPANION, now);
            } else if (pick < 14) {
                return new CancelCall(CALL, MEMBER, now);
            } else if (pick < 30) {
                return new JoinRoom(CALL, participant(), now);
            } else if (pick < 60) {
                Instant member = memberAlive ? now.minusSeconds(random.nextInt(8)) : null;
                Instant companion = companionAlive ? now.minusSeconds(random.nextInt(8)) : null;
                if (member == null && companion == null) {
                    return new Expire(CALL, DeadlineKind.HEARTBEAT_LOSS, now);
                }
                return new ProvePresence(CALL, member, companion, now);
            } else if (pick < 70) {
                Instant covered = now.plusSeconds(60 + random.nextInt(90));
                return balanceLeft ? new ExtendCoverage(CALL, covered, now)
                        : new CoverageNotExtended(CALL, now.plusSeconds(random.nextInt(60)), now);
            } else if (pick < 97) {
                DeadlineKind[] kinds = DeadlineKind.values();
                return new Expire(CALL, kinds[random.nextInt(kinds.length)], now);
            } else {
                return new HangUp(CALL, STRANGER, now);
            }
        }

        private String participant() {
            return random.nextBoolean() ? MEMBER : COMPANION;
        }

        void apply(CallCommand command) {
            CallSession before = state;
            List<CallEvent> decided;
            try {
                decided = CallDecider.decide(command, state, RULES);
            } catch (RuleViolation refusal) {
                assertThat(CALLER_MISTAKES).as(command + " refused").contains(refusal.code());
                return;
            }
            if (before instanceof Ended) {
                assertThat(decided).as("nothing after the end: " + command).isEmpty();
            }
            recordProofs(command, before);
            for (CallEvent event : decided) {
                assertThat(state).as("no event after the end").isNotInstanceOf(Ended.class);
                if (event instanceof CallEnded ended) {
                    checkEnd(ended, state);
                }
                if (event instanceof BalanceWarning warning) {
                    assertThat(warnings.add(warning.secondsLeft() + "@" + warning.endsAt()))
                            .as("each warning once: " + warning).isTrue();
                }
                state = CallDecider.evolve(state, event);
                events.add(event);
            }
            assertThat(CallDecider.replay(events)).isEqualTo(state);
            if (!(state instanceof Ended)) {
                assertThat(CallDecider.nextDeadlines(state, RULES)).as("a live call has a deadline").isNotEmpty();
            }
            if (state instanceof Connected connected) {
                // nothing stays connected past a due loss or balance deadline once a command saw it
                assertThat(command.at()).isBefore(connected.bothUntil().plus(RULES.lostAfter()))
                        .isBefore(CallDecider.balanceDue(connected));
                if (memberProven == null) {
                    memberProven = connected.connectedAt();
                    companionProven = connected.connectedAt();
                }
            }
        }

        /** What the simulation proved to the decider, as a witness independent of the decider's own state. */
        private void recordProofs(CallCommand command, CallSession before) {
            if (!(before instanceof Connected)) {
                return;
            }
            switch (command) {
                case ProvePresence proof -> {
                    memberProven = later(memberProven, proof.memberSeenAt());
                    companionProven = later(companionProven, proof.companionSeenAt());
                }
                case JoinRoom join -> prove(join.participantId(), join.at());
                case HangUp hangUp -> prove(hangUp.participantId(), hangUp.at());
                default -> { }
            }
        }

        private void prove(String participant, Instant at) {
            if (participant.equals(MEMBER)) {
                memberProven = later(memberProven, at);
            } else if (participant.equals(COMPANION)) {
                companionProven = later(companionProven, at);
            }
        }

        private void checkEnd(CallEnded ended, CallSession before) {
            if (ended.connectedAt() == null) {
                assertThat(before).isNotInstanceOf(Connected.class);
                assertThat(ended.billableSeconds()).isZero();
                assertThat(ended.chargeable()).isFalse();
                assertThat(ended.completed()).isFalse();
                return;
            }
            Connected connected = (Connected) before;
            Instant lastProvenBoth = memberProven.isBefore(companionProven) ? memberProven : companionProven;
            assertThat(ended.billableUntil()).isBeforeOrEqualTo(lastProvenBoth)
                    .isBeforeOrEqualTo(connected.coveredUntil())
                    .isBeforeOrEqualTo(ended.endedAt())
                    .isAfterOrEqualTo(ended.connectedAt());
            assertThat(ended.billableSeconds()).isLessThanOrEqualTo(ended.connectedSeconds());
            assertThat(ended.connectedSeconds())
                    .isEqualTo(Duration.between(ended.connectedAt(), ended.endedAt()).getSeconds());
            if (ended.connectedSeconds() < 60) {
                assertThat(ended.chargeable()).isFalse();
                assertThat(ended.billableSeconds()).isZero();
                assertThat(ended.verdict().startedMinutes()).isZero();
            } else {
                assertThat(ended.chargeable()).isTrue();
                assertThat(ended.verdict().startedMinutes()).isEqualTo((ended.billableSeconds() + 59) / 60);
            }
            if (ended.reason() == EndReason.BALANCE_EXHAUSTED) {
                assertThat(ended.endedAt()).isAfterOrEqualTo(ended.connectedAt().plusSeconds(60));
            }
            if (ended.reason() == EndReason.CONNECTION_LOST) {
                assertThat(ended.endedAt()).isEqualTo(connected.bothUntil());
            }
        }

        private static Instant later(Instant known, Instant seen) {
            if (seen == null) {
                return known;
            }
            return known == null || seen.isAfter(known) ? seen : known;
        }
    }
}
