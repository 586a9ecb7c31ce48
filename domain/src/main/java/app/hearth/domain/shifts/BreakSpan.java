package app.hearth.domain.shifts;

import app.hearth.domain.shared.RuleViolation;
import java.time.Duration;
import java.time.Instant;

/** One break in a started shift; {@code end} is null while it lasts. */
public record BreakSpan(Instant start, Instant end) {

    public BreakSpan {
        RuleViolation.require(start, "start");
    }

    public boolean open() {
        return end == null;
    }

    /** Its length, an open break counted up to {@code until}. */
    public Duration length(Instant until) {
        Instant to = end != null ? end : until;
        return to.isAfter(start) ? Duration.between(start, to) : Duration.ZERO;
    }
}
