package app.hearth.domain.earnings;

import java.time.Instant;
import java.util.List;
import org.jmolecules.event.annotation.DomainEvent;

/**
 * What happened to an earnings account. The {@link DomainEvent} names are the stored event type names: they
 * never change when a class moves or is renamed.
 */
public sealed interface EarningsEvent {

    String companionId();

    /** An event that adds one entry to the ledger. */
    sealed interface EntryRecorded extends EarningsEvent {
        LedgerEntry entry();

        /** The kind-specific facts the entry's hash covers besides the entry itself, in a fixed order. */
        List<String> hashedDetails();
    }

    @DomainEvent(namespace = "earnings", name = "EarningsAccountOpened")
    record EarningsAccountOpened(String companionId, String actor, Instant openedAt) implements EarningsEvent {
    }

    @DomainEvent(namespace = "earnings", name = "ActivityCredited")
    record ActivityCredited(
            String companionId,
            LedgerEntry entry,
            ActivityKind activity,
            long units,
            long baseRate,
            int multiplierBasisPoints,
            List<String> multiplierRules) implements EntryRecorded {
        public ActivityCredited {
            multiplierRules = List.copyOf(multiplierRules);
        }

        @Override
        public List<String> hashedDetails() {
            return List.of(activity.name(), Long.toString(units), Long.toString(baseRate),
                    Integer.toString(multiplierBasisPoints), String.join(",", multiplierRules));
        }
    }

    @DomainEvent(namespace = "earnings", name = "PenaltyApplied")
    record PenaltyApplied(String companionId, LedgerEntry entry, String caseId, String policyCode)
            implements EntryRecorded {
        @Override
        public List<String> hashedDetails() {
            return List.of(caseId, policyCode);
        }
    }

    @DomainEvent(namespace = "earnings", name = "PenaltyReversed")
    record PenaltyReversed(String companionId, LedgerEntry entry, String penaltyId) implements EntryRecorded {
        @Override
        public List<String> hashedDetails() {
            return List.of(penaltyId);
        }
    }

    @DomainEvent(namespace = "earnings", name = "BalanceCorrected")
    record BalanceCorrected(String companionId, LedgerEntry entry, String idempotencyKey) implements EntryRecorded {
        @Override
        public List<String> hashedDetails() {
            return List.of(idempotencyKey);
        }
    }
}
