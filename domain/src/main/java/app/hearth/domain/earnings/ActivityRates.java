package app.hearth.domain.earnings;

import app.hearth.domain.shared.RuleViolation;
import java.util.EnumMap;
import java.util.Map;

/** The base rate, in coins per unit, of each kind of activity. */
public record ActivityRates(Map<ActivityKind, Long> coinsPerUnit) {

    public ActivityRates {
        var copy = new EnumMap<ActivityKind, Long>(ActivityKind.class);
        copy.putAll(coinsPerUnit);
        for (ActivityKind kind : ActivityKind.values()) {
            Long rate = copy.get(kind);
            if (rate == null || rate <= 0) {
                throw RuleViolation.invalid("BASE_RATE_NOT_POSITIVE", "baseRate." + kind,
                        "activity " + kind + " needs a positive base rate");
            }
        }
        coinsPerUnit = Map.copyOf(copy);
    }

    /** Hearth's default rates: 10 coins per audio minute, 15 per video minute, 2 per message, 20 per activity. */
    public static ActivityRates defaults() {
        return new ActivityRates(Map.of(
                ActivityKind.AUDIO_CALL_MINUTE, 10L,
                ActivityKind.VIDEO_CALL_MINUTE, 15L,
                ActivityKind.CHAT_MESSAGE, 2L,
                ActivityKind.COMPLETED_ACTIVITY, 20L));
    }

    public long rateOf(ActivityKind kind) {
        return coinsPerUnit.get(kind);
    }
}
