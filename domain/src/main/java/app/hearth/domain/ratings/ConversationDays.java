package app.hearth.domain.ratings;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A conversation-day: a local day in the member's time zone, from its midnight to the next (23 or 25 hours on the
 * days clocks change), on which both the member and the companion sent at least one message in the conversation.
 * It may be rated from the moment both sides wrote on it (the day need not be over) until
 * {@link RatingPolicy#rateWithin()} after its end.
 */
public final class ConversationDays {

    public static final String NO_CONVERSATION = "NO_CONVERSATION_ON_DAY";

    private ConversationDays() {
    }

    /** The first instant of {@code day} in {@code zone}. */
    public static Instant start(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** The first instant after {@code day} in {@code zone}. */
    public static Instant end(LocalDate day, ZoneId zone) {
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
