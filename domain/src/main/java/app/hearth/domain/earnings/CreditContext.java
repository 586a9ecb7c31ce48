package app.hearth.domain.earnings;

import app.hearth.domain.shared.RuleViolation;
import java.time.Instant;
import java.time.ZoneId;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * What multiplier rules look at: when the activity happened, the companion's time zone and their trailing
 * 30-day rating in hundredths of a star ({@code null} while they have too few ratings).
 */
@ValueObject
public record CreditContext(Instant occurredAt, ZoneId companionZone, Integer trailingRatingHundredths) {
    public CreditContext {
        RuleViolation.require(occurredAt, "occurredAt");
        RuleViolation.require(companionZone, "companionZone");
    }
}
