package app.hearth.adapters.earnings.axon;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.application.earnings.EntryReceipt;
import app.hearth.domain.earnings.ActivityKind;
import app.hearth.domain.earnings.AppliedMultiplier;
import app.hearth.domain.earnings.EarningsCommand.ApplyPenalty;
import app.hearth.domain.earnings.EarningsCommand.CorrectBalance;
import app.hearth.domain.earnings.EarningsCommand.CreditActivity;
import app.hearth.domain.earnings.EarningsCommand.OpenEarningsAccount;
import app.hearth.domain.earnings.EarningsCommand.ReversePenalty;
import app.hearth.domain.earnings.EarningsCommand;
import app.hearth.domain.earnings.EarningsDecider;
import app.hearth.domain.earnings.EarningsEvent.EarningsAccountOpened;
import app.hearth.domain.earnings.EarningsEvent;
import app.hearth.domain.shared.RuleViolation;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import app.hearth.adapters.shared.axon.state.InMemoryIdempotencyRecords;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Axon shell carries the decider's decisions faithfully, and routes every command to its account. */
class EarningsAccountAggregateTest {

    static final String COMPANION = "companion-1";
    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    static final AppliedMultiplier NEUTRAL = AppliedMultiplier.neutral("2026-01");

    AggregateTestFixture<EarningsAccountAggregate> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(EarningsAccountAggregate.class);
        fixture.registerInjectableResource(new InMemoryIdempotencyRecords());
        fixture.registerCommandTargetResolver(command -> new VersionedAggregateIdentifier(
                EarningsAccountAggregate.aggregateId(((EarningsCommand) command.getPayload()).companionId()), null));
    }

    static CreditActivity credit(String source) {
        return new CreditActivity(COMPANION, "entry-" + source, source, ActivityKind.VIDEO_CALL_MINUTE, 3, 15, NEUTRAL,
                "system:calls", T0);
    }

    static List<EarningsEvent> decided(EarningsCommand... commands) {
        var events = new java.util.ArrayList<EarningsEvent>();
        events.add(new EarningsAccountOpened(COMPANION, "admin:a", T0));
        var state = EarningsDecider.replay(events);
        for (EarningsCommand command : commands) {
            for (EarningsEvent event : EarningsDecider.decide(command, state)) {
                events.add(event);
                state = EarningsDecider.evolve(state, event);
            }
        }
        return events;
    }

    @Test
    void openingAnAccountPublishesTheOpeningEvent() {
        fixture.givenNoPriorActivity()
                .when(new OpenEarningsAccount(COMPANION, "admin:a", T0))
                .expectEvents(new EarningsAccountOpened(COMPANION, "admin:a", T0));
    }

    @Test
    void aCreditAppliesExactlyWhatTheDeciderDecidedAndAnswersWithAReceipt() {
        List<EarningsEvent> expected = decided(credit("call:1"));
        fixture.given(expected.getFirst())
                .when(credit("call:1"))
                .expectEvents(expected.get(1))
                .expectResultMessagePayload(new EntryReceipt("entry-call:1", 1, 45, 45, false));
    }

    @Test
    void aRetriedCreditPublishesNothingAndAnswersWithTheOriginalEntry() {
        List<EarningsEvent> history = decided(credit("call:1"));
        fixture.given(history.toArray())
                .when(credit("call:1"))
                .expectNoEvents()
                .expectResultMessagePayload(new EntryReceipt("entry-call:1", 1, 45, 45, true));
    }

    @Test
    void aRuleViolationIsThrownUnchangedForTheEdgeToTranslate() {
        var differently = new CreditActivity(COMPANION, "entry-2", "call:1", ActivityKind.VIDEO_CALL_MINUTE, 4, 15,
                NEUTRAL, "system:calls", T0);
        fixture.given(decided(credit("call:1")).toArray())
                .when(differently)
                .expectException(RuleViolation.class)
                .expectExceptionMessage("source call:1 was already credited with other values");
    }

    @Test
    void aMovementOnAnAccountThatWasNeverOpenedFindsNoAggregate() {
        fixture.givenNoPriorActivity()
                .when(credit("call:1"))
                .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
    }

    @Test
    void penaltiesReversalsAndCorrectionsGoThroughTheShell() {
        var penalty = new ApplyPenalty(COMPANION, "p1", "case-1", "LATE_FOR_SHIFT", 50, "supervisor:s", T0);
        var reversal = new ReversePenalty(COMPANION, "r1", "p1", "appeal upheld", "admin:a", T0);
        var correction = new CorrectBalance(COMPANION, "c1", "key-1", 5, "goodwill", "admin:a", T0);
        List<EarningsEvent> all = decided(penalty, reversal, correction);
        fixture.given(all.subList(0, 2).toArray()).when(reversal).expectEvents(all.get(2));
        fixture.given(all.subList(0, 3).toArray()).when(correction).expectEvents(all.get(3));
    }
}
