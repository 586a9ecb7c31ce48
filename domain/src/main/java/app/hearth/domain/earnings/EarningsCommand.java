package app.hearth.domain.earnings;

import static app.hearth.domain.shared.RuleViolation.require;
import static app.hearth.domain.shared.RuleViolation.requireText;

import app.hearth.domain.shared.RuleViolation;
import java.time.Instant;

/**
 * What can be asked of an earnings account. Every command names the account by its companion id, carries the
 * moment it happens and who asks, and validates itself: a command that exists is well-formed. Entry ids are
 * chosen by whoever starts the movement, so a retry names the same entry.
 */
public sealed interface EarningsCommand {

    /** The companion whose account this command targets; also the account's id. */
    String companionId();

    /** Opens the account of a companion. */
    record OpenEarningsAccount(String companionId, String actor, Instant openedAt) implements EarningsCommand {
        public OpenEarningsAccount {
            requireText(companionId, "companionId");
            requireText(actor, "actor");
            require(openedAt, "openedAt");
        }
    }

    /**
     * Credits coins for an activity: {@code units} of {@code activity} at {@code baseRate} coins per unit, times
     * the multiplier that applied. Idempotent on {@code sourceReference} (a call, message or activity id).
     */
    record CreditActivity(
            String companionId,
            String entryId,
            String sourceReference,
            ActivityKind activity,
            long units,
            long baseRate,
            AppliedMultiplier multiplier,
            String actor,
            Instant occurredAt) implements EarningsCommand {
        public CreditActivity {
            requireText(companionId, "companionId");
            requireText(entryId, "entryId");
            requireText(sourceReference, "sourceReference");
            require(activity, "activity");
            require(multiplier, "multiplier");
            requireText(actor, "actor");
            require(occurredAt, "occurredAt");
            if (units <= 0) {
                throw RuleViolation.invalid("UNITS_NOT_POSITIVE", "units", "units must be positive, was " + units);
            }
            if (baseRate <= 0) {
                throw RuleViolation.invalid("BASE_RATE_NOT_POSITIVE", "baseRate",
                        "the base rate must be positive, was " + baseRate);
            }
        }

        /** The coins this credit is worth. */
        public long coins() {
            return multiplier.coinsFor(units, baseRate);
        }
    }

    /** Applies the penalty of a moderation case: {@code coins} (positive) are taken. One penalty per case. */
    record ApplyPenalty(
            String companionId,
            String entryId,
            String caseId,
            String policyCode,
            long coins,
            String actor,
            Instant occurredAt) implements EarningsCommand {
        public ApplyPenalty {
            requireText(companionId, "companionId");
            requireText(entryId, "entryId");
            requireText(caseId, "caseId");
            requireText(policyCode, "policyCode");
            requireText(actor, "actor");
            require(occurredAt, "occurredAt");
            if (coins <= 0) {
                throw RuleViolation.invalid("PENALTY_NOT_POSITIVE", "coins", "a penalty must be positive, was " + coins);
            }
        }
    }

    /** Reverses an applied penalty (an appeal succeeded) with a new entry that gives its coins back. */
    record ReversePenalty(
            String companionId,
            String entryId,
            String penaltyId,
            String reason,
            String actor,
            Instant occurredAt) implements EarningsCommand {
        public ReversePenalty {
            requireText(companionId, "companionId");
            requireText(entryId, "entryId");
            requireText(penaltyId, "penaltyId");
            requireText(reason, "reason");
            requireText(actor, "actor");
            require(occurredAt, "occurredAt");
        }
    }

    /** A manual correction by staff: signed, non-zero coins and a required reason. Idempotent on its key. */
    record CorrectBalance(
            String companionId,
            String entryId,
            String idempotencyKey,
            long coins,
            String reason,
            String actor,
            Instant occurredAt) implements EarningsCommand {
        public CorrectBalance {
            requireText(companionId, "companionId");
            requireText(entryId, "entryId");
            requireText(idempotencyKey, "idempotencyKey");
            requireText(reason, "reason");
            requireText(actor, "actor");
            require(occurredAt, "occurredAt");
            if (coins == 0) {
                throw RuleViolation.invalid("CORRECTION_ZERO", "coins", "a correction must move at least one coin");
            }
        }
    }
}
