package app.hearth.domain.earnings;

import java.time.ZonedDateTime;
import org.jmolecules.ddd.annotation.ValueObject;

/** One named activity-multiplier rule: when it applies, and the factor (basis points, 10,000 = x1.0) it brings. */
public sealed interface MultiplierRule {

    /** A stable name that credits record when the rule applied. */
    String name();

    int basisPoints();

    boolean appliesTo(CreditContext context);

    /** Work done at night in the companion's own time zone: from {@code fromHour} (inclusive) to {@code toHour}. */
    @ValueObject
    record NightHours(int fromHour, int toHour, int basisPoints) implements MultiplierRule {
        @Override
        public String name() {
            return "NIGHT_HOURS";
        }

        @Override
        public boolean appliesTo(CreditContext context) {
            int hour = ZonedDateTime.ofInstant(context.occurredAt(), context.companionZone()).getHour();
            return fromHour <= toHour ? hour >= fromHour && hour < toHour : hour >= fromHour || hour < toHour;
        }
    }

    /** A trailing-30-day rating at or above {@code minimumRatingHundredths} (480 = 4.80 stars). */
    @ValueObject
    record HighRating(int minimumRatingHundredths, int basisPoints) implements MultiplierRule {
        @Override
        public String name() {
            return "HIGH_RATING";
        }

        @Override
        public boolean appliesTo(CreditContext context) {
            return context.trailingRatingHundredths() != null
                    && context.trailingRatingHundredths() >= minimumRatingHundredths;
        }
    }
}
