package app.hearth.domain.money.wallet;

import static app.hearth.domain.money.wallet.WalletFixtures.MEMBER;
import static app.hearth.domain.money.wallet.WalletFixtures.RATES;
import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.domain.calls.CallCommand;
import app.hearth.domain.calls.CallDecider;
import app.hearth.domain.calls.CallEvent;
import app.hearth.domain.calls.CallEvent.CallEnded;
import app.hearth.domain.calls.CallSession;
import app.hearth.domain.calls.CallSession.Connected;
import app.hearth.domain.calls.CallSession.Ended;
import app.hearth.domain.calls.CallTimeouts;
import app.hearth.domain.calls.CallWatch;
import app.hearth.domain.calls.Deadline;
import app.hearth.domain.calls.EndReason;
import app.hearth.domain.earnings.ActivityKind;
import app.hearth.domain.earnings.AppliedMultiplier;
import app.hearth.domain.earnings.EarningsAccount;
import app.hearth.domain.earnings.EarningsCommand;
import app.hearth.domain.earnings.EarningsDecider;
import app.hearth.domain.earnings.EarningsEvent;
import app.hearth.domain.earnings.EarningsEvent.ActivityCredited;
import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.catalog.Product;
import app.hearth.domain.money.payments.PaymentEventKind;
import app.hearth.domain.shared.RuleViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The call, the wallet and the earnings ledger agree on what a call is billed for (semantics.md "Calls": one
 * verdict; ADR 0030). Seeded random calls, on wallets of every monetization version, are driven the way the calls
 * use cases drive them (a hold placed before ringing, extended at each minute's checkpoint, the call told how far
 * it covers), with participants that go silent, hang up, are ended by staff or run out of balance, and deadlines
 * fired late. Each ended call is settled as the settlement does: the hold captured with the call's verdict, and the
 * companion credited the verdict's started minutes when it charges. On every seed: the member is charged exactly
 * when the companion is credited, for the same started minutes. A failing seed is printed so it can be replayed.
 */
class CallBillingSimulationTest {

    static final int SEEDS = 600;
    static final String COMPANION = "companion-1";
    static final CallTimeouts RULES = CallTimeouts.DEFAULTS;
    static final Instant T0 = WalletFixtures.T0;

    @Test
    void theMemberIsChargedExactlyWhenTheCompanionIsCreditedForTheSameStartedMinutesOnEverySeed() {
        // per version: charged, connected but not charged (short), chargeable but proven together under a minute
        Map<MonetizationVersion, int[]> seen = new EnumMap<>(MonetizationVersion.class);
        Set<EndReason> charged = EnumSet.noneOf(EndReason.class);
        for (long seed = 1; seed <= SEEDS; seed++) {
            Outcome outcome;
            try {
                outcome = simulate(seed);
            } catch (AssertionError | RuntimeException failure) {
                throw new AssertionError("call billing simulation failed for seed " + seed, failure);
            }
            int[] counts = seen.computeIfAbsent(outcome.version(), v -> new int[3]);
            CallEnded ended = outcome.ended();
            if (outcome.minutes() > 0) {
                counts[0]++;
                charged.add(ended.reason());
            }
            counts[1] += ended.connectedAt() != null && !ended.chargeable() ? 1 : 0;
            counts[2] += ended.chargeable() && ended.billableSeconds() > 0 && ended.billableSeconds() < 60 ? 1 : 0;
        }
        // the seeds reach, on every version, charged calls, short calls, and the case of issue 13 (connected a
        // minute or more, proven together for less); and every way a charged call can end
        assertThat(seen).containsOnlyKeys(MonetizationVersion.values());
        seen.forEach((version, counts) -> assertThat(counts)
                .as(version + ": charged, short, chargeable but proven together under a minute").doesNotContain(0));
        assertThat(charged).contains(EndReason.HUNG_UP_BY_MEMBER, EndReason.HUNG_UP_BY_COMPANION,
                EndReason.BALANCE_EXHAUSTED, EndReason.CONNECTION_LOST, EndReason.ENDED_BY_STAFF);
    }

    @Nested
    class TheCaseOfIssue13 {

        /**
         * Connected 74 s, the member's last proof of presence at 30 s, the companion hangs up at 74 s (at 75 s the
         * member's silence would have ended the call as lost at 30 s): the call is chargeable (connected over a
         * minute) for 30 billable seconds, one started minute. The wallet once judged the 60 s rule again on the
         * 30 s and charged nothing while the companion was credited a minute.
         */
        @ParameterizedTest
        @EnumSource(MonetizationVersion.class)
        void aCallConnected74SecondsProvenTogetherFor30IsChargedAndCreditedOneMinute(MonetizationVersion version) {
            var sim = new Simulation(new Random(1), version, true);
            sim.request(CallKindPick.AUDIO);
            sim.call(new CallCommand.AcceptCall(sim.callId, COMPANION, sim.now));
            sim.call(new CallCommand.JoinRoom(sim.callId, MEMBER, sim.now));
            sim.call(new CallCommand.JoinRoom(sim.callId, COMPANION, sim.now));
            Instant connectedAt = sim.now;
            sim.now = connectedAt.plusSeconds(30);
            sim.call(new CallCommand.ProvePresence(sim.callId, sim.now, sim.now, sim.now));
            sim.now = connectedAt.plusSeconds(74);
            sim.call(new CallCommand.HangUp(sim.callId, COMPANION, sim.now));

            Outcome outcome = sim.settle();

            assertThat(outcome.ended().billableSeconds()).isEqualTo(30);
            assertThat(outcome.ended().verdict()).isEqualTo(new CallVerdict(true, 30, 1));
            assertThat(outcome.minutes()).as("credited").isEqualTo(1);
            assertThat(outcome.charged()).as("charged").isEqualTo(switch (version) {
                case V1_TOKENS -> RATES.perAudioMinute();
                case V2_TIERS -> 30;
                case V3_MOMENTS -> 1;
            });
        }
    }

    private enum CallKindPick { AUDIO, VIDEO }

    /** What one call came to: its end, what the wallet charged, and the minutes the companion was credited. */
    record Outcome(MonetizationVersion version, CallEnded ended, long charged, long minutes) {
    }

    private static Outcome simulate(long seed) {
        var random = new Random(seed);
        MonetizationVersion version = MonetizationVersion.values()[(int) (seed % 3)];
        var sim = new Simulation(random, version, random.nextInt(4) != 0);
        sim.request(random.nextBoolean() ? CallKindPick.AUDIO : CallKindPick.VIDEO);
        int answer = random.nextInt(10);
        for (int step = 0; step < 200 && !(sim.state instanceof Ended); step++) {
            sim.now = sim.now.plusSeconds(1 + random.nextInt(random.nextInt(10) == 0 ? 40 : 9));
            sim.step(answer);
        }
        // the watchdog fires whatever is left, possibly late: the call ends
        for (int fired = 0; fired < 30 && !(sim.state instanceof Ended); fired++) {
            Deadline next = CallDecider.nextDeadlines(sim.state, RULES).getFirst();
            sim.now = (next.due().isAfter(sim.now) ? next.due() : sim.now).plusSeconds(random.nextInt(11));
            sim.checkpointIfDue();
            sim.call(new CallCommand.Expire(sim.callId, next.kind(), sim.now));
        }
        assertThat(sim.state).isInstanceOf(Ended.class);
        Outcome outcome = sim.settle();
        assertThat(sim.settle()).as("settling again (a redelivery) changes nothing").isEqualTo(outcome);
        return outcome;
    }

    /** One member's wallet, one call and its companion's earnings account, driven as the use cases drive them. */
    static final class Simulation {
        final Random random;
        final MonetizationVersion version;
        final String callId = "call-1";
        final String holdId = "call:call-1";
        final WalletFixtures.Driver wallet;
        final List<EarningsEvent> earnings = new ArrayList<>();
        EarningsAccount account = EarningsDecider.initialState();
        CallSession state = CallDecider.initialState();
        Instant now = T0.plusSeconds(60);
        boolean memberAlive = true;
        boolean companionAlive = true;
        Instant memberSeen;
        Instant companionSeen;
        long lastCheckpointMinute;
        // a per-call temperament: how often a side goes silent or comes back, and how often someone ends the call
        final int silenceOneIn;
        final int endOneIn;
        // seconds after the connect at which the member's network drops for good, or -1
        final int dropAfter;
        CallEnded ended;

        Simulation(Random random, MonetizationVersion version, boolean wellFunded) {
            this.random = random;
            this.version = version;
            this.wallet = WalletFixtures.Driver.open(version, "UTC");
            this.silenceOneIn = new int[] {20, 80, 400}[random.nextInt(3)];
            this.endOneIn = new int[] {30, 150, 1000}[random.nextInt(3)];
            this.dropAfter = random.nextInt(6) == 0 ? 20 + random.nextInt(30) : -1;
            fund(wellFunded);
            apply(new EarningsCommand.OpenEarningsAccount(COMPANION, "system:calls", T0));
        }

        private void fund(boolean wellFunded) {
            switch (version) {
                case V1_TOKENS -> wallet.run(new WalletCommand.GrantTokens(MEMBER, "grant-1",
                        wellFunded ? 50 + random.nextInt(400) : 10 + random.nextInt(30), "promo", "admin:sim", T0));
                case V2_TIERS -> {
                    Product.Tier tier = wellFunded ? WalletFixtures.PREMIUM : WalletFixtures.BASIC;
                    wallet.run(WalletFixtures.subscription(PaymentEventKind.SUBSCRIPTION_STARTED, "sub-1", "sub-1",
                            tier, T0, T0.plus(Duration.ofDays(30))));
                    if (!wellFunded) {
                        // most of today's allowance spent already: a call runs into the end of the day's seconds
                        long left = wallet.wallet().callSecondsLeft(wallet.wallet().dayAt(T0), T0);
                        long spend = left - 60 - random.nextInt(120);
                        wallet.run(new WalletCommand.PlaceHold(MEMBER, "earlier", CallKind.AUDIO, spend, RATES, T0));
                        wallet.run(new WalletCommand.CaptureHold(MEMBER, "earlier", CallVerdict.judge(spend, spend),
                                T0));
                    }
                }
                case V3_MOMENTS -> wallet.run(WalletFixtures.purchase("tx-1",
                        wellFunded ? WalletFixtures.MOMENTS_10 : WalletFixtures.MOMENTS_5, T0));
            }
        }

        /** The member calls: the hold is placed before it rings, and its cover travels with the request. */
        void request(CallKindPick pick) {
            CallKind kind = pick == CallKindPick.AUDIO ? CallKind.AUDIO : CallKind.VIDEO;
            assertThat(WalletDecider.canStart(wallet.wallet(), kind, RATES, now)).isTrue();
            wallet.run(new WalletCommand.PlaceHold(MEMBER, holdId, kind, CallDecider.FIRST_HOLD.toSeconds(), RATES,
                    now));
            long cover = hold().coveredSeconds();
            call(new CallCommand.RequestCall(callId, MEMBER, COMPANION, kind, cover, now));
        }

        void step(int answer) {
            switch (state) {
                case CallSession.Ringing ignored -> {
                    if (random.nextInt(3) == 0) {
                        call(switch (answer) {
                            case 0 -> new CallCommand.DeclineCall(callId, COMPANION, now);
                            case 1 -> new CallCommand.CancelCall(callId, MEMBER, now);
                            default -> new CallCommand.AcceptCall(callId, COMPANION, now);
                        });
                    }
                }
                case CallSession.Accepted accepted -> {
                    if (answer != 2 && random.nextInt(3) != 0) {
                        call(new CallCommand.JoinRoom(callId, accepted.memberJoined() ? COMPANION : MEMBER, now));
                    }
                }
                case Connected connected -> connectedStep(connected);
                default -> { }
            }
            fireDue();
        }

        private void connectedStep(Connected connected) {
            if (memberSeen == null) {
                memberSeen = connected.connectedAt();
                companionSeen = connected.connectedAt();
            }
            if (random.nextInt(silenceOneIn) == 0) {
                memberAlive = !memberAlive;
            }
            if (random.nextInt(silenceOneIn) == 0) {
                companionAlive = !companionAlive;
            }
            if (dropAfter >= 0) {
                // one side's network drops early; the other hangs up after a minute, before the drop ends the call
                long connectedFor = Duration.between(connected.connectedAt(), now).toSeconds();
                if (connectedFor >= dropAfter) {
                    memberAlive = false;
                }
                if (connectedFor >= 60 && connectedFor < dropAfter + 40) {
                    call(new CallCommand.HangUp(callId, COMPANION, now));
                    return;
                }
            }
            // heartbeats reach the board, which proves them at the checkpoint or at a hang-up
            memberSeen = memberAlive ? now : memberSeen;
            companionSeen = companionAlive ? now : companionSeen;
            checkpointIfDue();
            int roll = random.nextInt(endOneIn);
            if (roll == 0 && (memberAlive || companionAlive)) {
                call(new CallCommand.ProvePresence(callId, memberSeen, companionSeen, now));
                boolean member = memberAlive && (!companionAlive || random.nextBoolean());
                call(new CallCommand.HangUp(callId, member ? MEMBER : COMPANION, now));
            } else if (roll == 1 && random.nextInt(4) == 0) {
                call(new CallCommand.EndByStaff(callId, "admin-1", now));
            }
        }

        /** The minute checkpoint: presence proven from the board, the hold extended as the calls use case does. */
        void checkpointIfDue() {
            if (!(state instanceof Connected connected)) {
                return;
            }
            long minute = CallWatch.minute(connected, now);
            if (minute == 0 || minute == lastCheckpointMinute) {
                return;
            }
            lastCheckpointMinute = minute;
            if (memberSeen != null) {
                call(new CallCommand.ProvePresence(callId, memberSeen, companionSeen, now));
            }
            if (!(state instanceof Connected call)) {
                return;
            }
            long missing = call.coverageFailing() ? CallWatch.CHECKPOINT.toSeconds()
                    : CallWatch.coverageMissing(call, now);
            if (missing == 0) {
                return;
            }
            wallet.run(new WalletCommand.ExtendHold(MEMBER, holdId, holdId + ":minute:" + minute, missing, now));
            long covered = hold().coveredSeconds();
            Instant coveredUntil = call.connectedAt().plusSeconds(covered);
            call(covered >= CallWatch.coverageTarget(call, now)
                    ? new CallCommand.ExtendCoverage(callId, coveredUntil, now)
                    : new CallCommand.CoverageNotExtended(callId, coveredUntil, now));
        }

        /** The watchdog: a due deadline is fired after what the board knows is proven, as the calls use case does. */
        private void fireDue() {
            if (state instanceof Ended || CallDecider.nextDeadlines(state, RULES).getFirst().due().isAfter(now)) {
                return;
            }
            if (state instanceof Connected && memberSeen != null) {
                call(new CallCommand.ProvePresence(callId, memberSeen, companionSeen, now));
            }
            if (state instanceof Ended) {
                return;
            }
            Deadline next = CallDecider.nextDeadlines(state, RULES).getFirst();
            if (!next.due().isAfter(now)) {
                call(new CallCommand.Expire(callId, next.kind(), now));
            }
        }

        void call(CallCommand command) {
            List<CallEvent> events;
            try {
                events = CallDecider.decide(command, state, RULES);
            } catch (RuleViolation refusal) {
                assertThat(refusal.code()).isIn(CallDecider.CALL_NOT_RINGING, CallDecider.CALL_NOT_ACCEPTED,
                        CallDecider.CALL_NOT_CONNECTED, CallDecider.CALL_ENDED);
                return;
            }
            for (CallEvent event : events) {
                state = CallDecider.evolve(state, event);
                if (event instanceof CallEnded end) {
                    assertThat(ended).as("a call ends once").isNull();
                    ended = end;
                }
            }
        }

        private WalletReceipt.HoldState hold() {
            return WalletDecider.hold(wallet.wallet(), holdId).orElseThrow();
        }

        /** What the settlement does with the end, then what each side recorded. */
        Outcome settle() {
            assertThat(ended).as("the call ended").isNotNull();
            WalletReceipt.HoldState hold = hold();
            if (hold.status() == WalletReceipt.HoldStatus.OPEN) {
                wallet.run(ended.connectedAt() == null ? new WalletCommand.ReleaseHold(MEMBER, holdId, now)
                        : new WalletCommand.CaptureHold(MEMBER, holdId, ended.verdict(), now));
            }
            CallVerdict verdict = ended.verdict();
            if (verdict.charges()) {
                ActivityKind activity = ended.kind() == CallKind.VIDEO ? ActivityKind.VIDEO_CALL_MINUTE
                        : ActivityKind.AUDIO_CALL_MINUTE;
                apply(new EarningsCommand.CreditActivity(COMPANION, "credit:" + callId, "call:" + callId, activity,
                        verdict.startedMinutes(), 3, AppliedMultiplier.neutral("v1"), "system:calls",
                        ended.connectedAt()));
            }
            long charged = wallet.events.stream().filter(WalletEvent.HoldCaptured.class::isInstance)
                    .map(WalletEvent.HoldCaptured.class::cast).filter(c -> c.holdId().equals(holdId))
                    .mapToLong(WalletEvent.HoldCaptured::charged).sum();
            long credited = earnings.stream().filter(ActivityCredited.class::isInstance)
                    .map(ActivityCredited.class::cast).mapToLong(ActivityCredited::units).sum();
            check(ended, charged, credited);
            return new Outcome(version, ended, charged, credited);
        }

        private void check(CallEnded ended, long charged, long credited) {
            CallVerdict verdict = ended.verdict();
            assertThat(charged > 0).as("member charged <=> companion credited (" + verdict + ")")
                    .isEqualTo(credited > 0);
            assertThat(credited).as("credited the verdict's started minutes").isEqualTo(verdict.startedMinutes());
            long rate = ended.kind() == CallKind.VIDEO ? RATES.perVideoMinute() : RATES.perAudioMinute();
            long momentSeconds = WalletFixtures.MOMENTS_5.momentLength().toSeconds();
            assertThat(charged).as("charged for the same started minutes (" + verdict + ")").isEqualTo(
                    switch (version) {
                        case V1_TOKENS -> verdict.startedMinutes() * rate;
                        case V2_TIERS -> verdict.billableSeconds();
                        case V3_MOMENTS -> Math.ceilDiv(verdict.billableSeconds(), momentSeconds);
                    });
            assertThat(Math.ceilDiv(verdict.billableSeconds(), 60)).isEqualTo(verdict.startedMinutes());
            assertThat(wallet.wallet().holds()).as("the hold is closed").doesNotContainKey(holdId);
            assertThat(wallet.wallet().tokenBalance()).isNotNegative();
            assertThat(wallet.wallet().momentBalance()).isNotNegative();
        }

        private void apply(EarningsCommand command) {
            for (EarningsEvent event : EarningsDecider.decide(command, account)) {
                account = EarningsDecider.evolve(account, event);
                earnings.add(event);
            }
        }
    }
}
