package app.hearth.domain.money.wallet;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * One local calendar day of a V2 allowance: from local midnight {@code startsAt} to the next one {@code endsAt} in
 * {@code zone}; what was used and what calls hold. Days are numbered from 1 in the order they start.
 */
@ValueObject
public record AllowanceDay(long number, String zone, String date, Instant startsAt, Instant endsAt,
                           long callSecondsUsed, long callSecondsHeld, long messagesUsed) {

    /** The day in {@code zone} that contains {@code at}, numbered {@code number}, nothing used. */
    public static AllowanceDay containing(long number, String zone, Instant at) {
        ZoneId id = ZoneId.of(zone);
        LocalDate date = at.atZone(id).toLocalDate();
        return new AllowanceDay(number, zone, date.toString(), date.atStartOfDay(id).toInstant(),
                date.plusDays(1).atStartOfDay(id).toInstant(), 0, 0, 0);
    }

    public boolean contains(Instant at) {
        return !at.isBefore(startsAt) && at.isBefore(endsAt);
    }

    AllowanceDay withCalls(long used, long held) {
        return new AllowanceDay(number, zone, date, startsAt, endsAt, used, held, messagesUsed);
    }

    AllowanceDay withMessages(long messages) {
        return new AllowanceDay(number, zone, date, startsAt, endsAt, callSecondsUsed, callSecondsHeld, messages);
    }
}
