package app.hearth.domain.earnings;

import static app.hearth.domain.earnings.EarningsSpecification.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.domain.earnings.EarningsAccount.Open;
import app.hearth.domain.earnings.EarningsCommand.ApplyPenalty;
import app.hearth.domain.earnings.EarningsCommand.CorrectBalance;
import app.hearth.domain.earnings.EarningsCommand.CreditActivity;
import app.hearth.domain.earnings.EarningsCommand.OpenEarningsAccount;
import app.hearth.domain.earnings.EarningsCommand.ReversePenalty;
import app.hearth.domain.earnings.EarningsEvent.ActivityCredited;
import app.hearth.domain.earnings.EarningsEvent.BalanceCorrected;
import app.hearth.domain.earnings.EarningsEvent.EarningsAccountOpened;
import app.hearth.domain.earnings.EarningsEvent.PenaltyApplied;
import app.hearth.domain.earnings.EarningsEvent.PenaltyReversed;
import app.hearth.domain.shared.RuleViolation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EarningsDeciderTest {

    static final String COMPANION = "companion-1";
    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    static final AppliedMultiplier NIGHT = new AppliedMultiplier("2026-01", 12_000, List.of("NIGHT_HOURS"));

    static final EarningsAccountOpened OPENED = new EarningsAccountOpened(COMPANION, "admin:a1", T0);

    static CreditActivity credit(String entryId, String source, long units, long baseRate) {
        return new CreditActivity(COMPANION, entryId, source, ActivityKind.AUDIO_CALL_MINUTE, units, baseRate,
                NIGHT, "system:calls", T0.plusSeconds(60));
    }

    static List<EarningsEvent> history(EarningsCommand... commands) {
        var events = new ArrayList<EarningsEvent>();
        events.add(OPENED);
        EarningsAccount state = EarningsDecider.replay(events);
        for (EarningsCommand command : commands) {
            for (EarningsEvent event : EarningsDecider.decide(command, state)) {
                events.add(event);
                state = EarningsDecider.evolve(state, event);
            }
        }
        return events;
    }

    @Nested
    class Opening {
        @Test
        void opensAnAccountWithAnEmptyBalance() {
            var events = given().when(new OpenEarningsAccount(COMPANION, "admin:a1", T0)).thenEvents();
            assertThat(events).containsExactly(OPENED);
            var state = (Open) EarningsDecider.replay(events);
            assertThat(state.balance()).isZero();
            assertThat(state.lastHash()).isEqualTo(EntryHash.GENESIS);
        }

        @Test
        void refusesToOpenAnAccountTwice() {
            given(OPENED).when(new OpenEarningsAccount(COMPANION, "admin:a1", T0))
                    .thenRefusedWith(EarningsDecider.ACCOUNT_ALREADY_OPEN);
        }

        @Test
        void refusesMovementsOnAnAccountThatWasNeverOpened() {
            given().when(credit("e1", "call:1", 10, 5)).thenRefusedWith(EarningsDecider.ACCOUNT_NOT_FOUND);
        }
    }

    @Nested
    class Crediting {
        @Test
        void creditsUnitsTimesRateTimesTheMultiplierAndRecordsTheRuleVersion() {
            var events = given(OPENED).when(credit("e1", "call:1", 12, 10)).thenEvents();

            var credited = (ActivityCredited) events.getFirst();
            assertThat(credited.entry().coins()).isEqualTo(144); // 12 x 10 x 1.2
            assertThat(credited.entry().balanceAfter()).isEqualTo(144);
            assertThat(credited.entry().position()).isEqualTo(1);
            assertThat(credited.entry().ruleVersion()).isEqualTo("2026-01");
            assertThat(credited.multiplierBasisPoints()).isEqualTo(12_000);
            assertThat(credited.multiplierRules()).containsExactly("NIGHT_HOURS");
            assertThat(credited.entry().previousHash()).isEqualTo(EntryHash.GENESIS);
            assertThat(credited.entry().hash()).hasSize(64).isNotEqualTo(EntryHash.GENESIS);
        }

        @Test
        void roundsFractionsOfACoinHalfUp() {
            var multiplier = new AppliedMultiplier("v", 11_000, List.of("HIGH_RATING"));
            assertThat(multiplier.coinsFor(1, 5)).isEqualTo(6); // 5.5
            assertThat(multiplier.coinsFor(1, 4)).isEqualTo(4); // 4.4
        }

        @Test
        void aSecondCreditForTheSameSourceChangesNothing() {
            given(history(credit("e1", "call:1", 12, 10))).when(credit("e2", "call:1", 12, 10)).thenNothingHappens();
        }

        @Test
        void aSecondCreditForTheSameSourceWithOtherValuesIsAConflict() {
            given(history(credit("e1", "call:1", 12, 10))).when(credit("e2", "call:1", 13, 10))
                    .thenRefusedWith(EarningsDecider.SOURCE_ALREADY_CREDITED);
        }

        @Test
        void anEntryIdCannotBeUsedTwice() {
            given(history(credit("e1", "call:1", 12, 10))).when(credit("e1", "call:2", 1, 10))
                    .thenRefusedWith(EarningsDecider.ENTRY_ID_REUSED);
        }

        @Test
        void creditsNeedPositiveUnitsAndRates() {
            assertThatThrownBy(() -> credit("e1", "call:1", 0, 10))
                    .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.field()).isEqualTo("units"));
            assertThatThrownBy(() -> credit("e1", "call:1", 1, -1))
                    .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.field()).isEqualTo("baseRate"));
        }
    }

    @Nested
    class Penalties {
        ApplyPenalty penalty = new ApplyPenalty(COMPANION, "p1", "case-7", "LATE_FOR_SHIFT", 50, "supervisor:s1", T0);

        @Test
        void aPenaltyMayTakeTheBalanceBelowZero() {
            var events = given(history(credit("e1", "call:1", 2, 10))).when(penalty).thenEvents();
            var applied = (PenaltyApplied) events.getFirst();
            assertThat(applied.entry().coins()).isEqualTo(-50);
            assertThat(applied.entry().balanceAfter()).isEqualTo(24 - 50);
            assertThat(applied.entry().reference()).isEqualTo("case:case-7");
        }

        @Test
        void aCaseIsPenalizedOnce() {
            given(history(penalty)).when(penalty).thenNothingHappens();
            given(history(penalty)).when(new ApplyPenalty(COMPANION, "p2", "case-7", "HARASSMENT", 1000, "s", T0))
                    .thenRefusedWith(EarningsDecider.CASE_ALREADY_PENALIZED);
        }

        @Test
        void aReversalGivesThePenaltyBackWithANewEntry() {
            var events = given(history(penalty))
                    .when(new ReversePenalty(COMPANION, "r1", "p1", "appeal upheld", "admin:a1", T0)).thenEvents();
            var reversed = (PenaltyReversed) events.getFirst();
            assertThat(reversed.entry().coins()).isEqualTo(50);
            assertThat(reversed.entry().balanceAfter()).isZero();
            assertThat(reversed.entry().position()).isEqualTo(2);
            var state = (Open) EarningsDecider.replay(history(penalty,
                    new ReversePenalty(COMPANION, "r1", "p1", "appeal upheld", "admin:a1", T0)));
            assertThat(state.lifetimePenalties()).isZero();
        }

        @Test
        void aPenaltyIsReversedOnce() {
            var reversal = new ReversePenalty(COMPANION, "r1", "p1", "appeal upheld", "admin:a1", T0);
            given(history(penalty, reversal)).when(new ReversePenalty(COMPANION, "r2", "p1", "again", "a", T0))
                    .thenNothingHappens();
        }

        @Test
        void onlyAPenaltyCanBeReversed() {
            given(history(credit("e1", "call:1", 1, 10)))
                    .when(new ReversePenalty(COMPANION, "r1", "e1", "not a penalty", "a", T0))
                    .thenRefusedWith(EarningsDecider.PENALTY_NOT_FOUND);
        }
    }

    @Nested
    class Corrections {
        @Test
        void aCorrectionNeedsAReason() {
            assertThatThrownBy(() -> new CorrectBalance(COMPANION, "c1", "k1", 10, " ", "admin:a1", T0))
                    .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.field()).isEqualTo("reason"));
        }

        @Test
        void aCorrectionMovesSignedCoinsAndIsIdempotentOnItsKey() {
            var correction = new CorrectBalance(COMPANION, "c1", "k1", -30, "double credit on call 9", "admin:a1", T0);
            var events = given(OPENED).when(correction).thenEvents();
            assertThat(((BalanceCorrected) events.getFirst()).entry().balanceAfter()).isEqualTo(-30);
            given(history(correction)).when(correction).thenNothingHappens();
            given(history(correction))
                    .when(new CorrectBalance(COMPANION, "c2", "k1", 30, "other", "admin:a1", T0))
                    .thenRefusedWith(EarningsDecider.IDEMPOTENCY_KEY_REUSED);
        }
    }

    @Nested
    class HashChain {
        @Test
        void eachEntryChainsToThePreviousOneAndTheHistoryVerifies() {
            var events = history(credit("e1", "call:1", 12, 10),
                    new ApplyPenalty(COMPANION, "p1", "case-1", "LATE_FOR_SHIFT", 50, "s", T0),
                    new CorrectBalance(COMPANION, "c1", "k1", 7, "goodwill", "admin:a1", T0));
            var first = ((EarningsEvent.EntryRecorded) events.get(1)).entry();
            var second = ((EarningsEvent.EntryRecorded) events.get(2)).entry();
            assertThat(second.previousHash()).isEqualTo(first.hash());

            var result = LedgerVerification.verify(COMPANION, events);
            assertThat(result.problems()).isEmpty();
            assertThat(result.balance()).isEqualTo(144 - 50 + 7);
            assertThat(result.lifetimeEarned()).isEqualTo(144);
            assertThat(result.lifetimePenalties()).isEqualTo(50);
        }

        @Test
        void aChangedEntryIsFound() {
            var events = new ArrayList<>(history(credit("e1", "call:1", 12, 10), credit("e2", "call:2", 1, 10)));
            var credited = (ActivityCredited) events.get(1);
            var e = credited.entry();
            var forged = new LedgerEntry(e.entryId(), e.position(), e.kind(), 9_999, e.balanceAfter(), e.reason(),
                    e.reference(), e.actor(), e.ruleVersion(), e.occurredAt(), e.previousHash(), e.hash());
            events.set(1, new ActivityCredited(COMPANION, forged, credited.activity(), credited.units(),
                    credited.baseRate(), credited.multiplierBasisPoints(), credited.multiplierRules()));

            assertThat(LedgerVerification.verify(COMPANION, events).problems())
                    .anySatisfy(problem -> assertThat(problem).contains("e1").contains("hash does not match"));
        }

        @Test
        void aRemovedEntryIsFound() {
            var events = new ArrayList<>(history(credit("e1", "call:1", 12, 10), credit("e2", "call:2", 1, 10)));
            events.remove(1);
            assertThat(LedgerVerification.verify(COMPANION, events).valid()).isFalse();
        }
    }

    @Test
    void anOlderStateDoesNotSeeMovementsRecordedAfterIt() {
        var afterOne = EarningsDecider.replay(history(credit("e1", "call:1", 1, 10)));
        var state = afterOne;
        for (var event : EarningsDecider.decide(credit("e2", "call:2", 1, 10), state)) {
            state = EarningsDecider.evolve(state, event);
        }
        // The older state may still credit call:2 (a branch), and its branch does not disturb the newer state.
        assertThat(EarningsDecider.decide(credit("e3", "call:2", 1, 10), afterOne)).hasSize(1);
        var branched = afterOne;
        for (var event : EarningsDecider.decide(credit("e3", "call:3", 1, 10), afterOne)) {
            branched = EarningsDecider.evolve(branched, event);
        }
        assertThat(EarningsDecider.decide(credit("e4", "call:2", 1, 10), state)).isEmpty();
        assertThat(EarningsDecider.decide(credit("e4", "call:3", 1, 10), state)).hasSize(1);
        assertThat(EarningsDecider.decide(credit("e4", "call:2", 1, 10), branched)).hasSize(1);
    }
}
