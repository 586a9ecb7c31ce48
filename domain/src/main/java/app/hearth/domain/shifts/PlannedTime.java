package app.hearth.domain.shifts;

import app.hearth.domain.shared.RuleViolation;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A shift's planned time: a start and an end as wall-clock times in the companion's zone (the end may be on the next
 * day: a night shift crosses midnight). The instants follow the zone's rules: a local time the clocks skip (spring
 * forward) is read as the same time after the gap (02:30 on a night the clocks go from 02:00 to 03:00 is 03:30), a
 * local time that happens twice (fall back) as its first occurrence. So a 22:00-06:00 night shift lasts 7 hours on
 * the spring night and 9 on the autumn one.
 */
public record PlannedTime(LocalDateTime start, LocalDateTime end, ZoneId zone) {

    /** The longest a single shift may be planned. */
    public static final Duration MAX_LENGTH = Duration.ofHours(16);

    public PlannedTime {
        RuleViolation.require(start, "start");
        RuleViolation.require(end, "end");
        RuleViolation.require(zone, "zone");
        Instant from = instant(start, zone);
        Instant to = instant(end, zone);
        if (!to.isAfter(from)) {
            throw RuleViolation.invalid(ShiftRules.ENDS_BEFORE_START, "end", "a shift must end after it starts");
        }
        if (Duration.between(from, to).compareTo(MAX_LENGTH) > 0) {
            throw RuleViolation.invalid(ShiftRules.TOO_LONG, "end",
                    "a shift may last at most " + MAX_LENGTH.toHours() + " hours");
        }
    }

    private static Instant instant(LocalDateTime local, ZoneId zone) {
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }

    public Instant startInstant() {
        return instant(start, zone);
    }

    public Instant endInstant() {
        return instant(end, zone);
    }

    /** The length in real time (DST changes included). */
    public Duration length() {
        return Duration.between(startInstant(), endInstant());
    }

    /** The companion's local day the shift belongs to: the day it starts on. */
    public LocalDate day() {
        return start.toLocalDate();
    }

    /** Whether the two planned times share any moment (touching ends do not). */
    public boolean overlaps(PlannedTime other) {
        return startInstant().isBefore(other.endInstant()) && other.startInstant().isBefore(endInstant());
    }
}
