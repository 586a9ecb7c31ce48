package app.hearth.domain.money.wallet;

import app.hearth.domain.money.catalog.MonetizationVersion;
import java.time.Instant;
import java.util.List;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * An open hold of a call: {@code held} units of {@code unit} reserved (not spendable by anything else), covering
 * {@code coveredSeconds} of the {@code requestedSeconds} asked so far. V1 holds remember the catalog rate in force
 * when they were placed; V2 holds the allowance day the call started in; V3 holds the moments they reserve.
 */
@ValueObject
public record Hold(String holdId, CallKind kind, MonetizationVersion version, MeterUnit unit, long requestedSeconds,
                   long held, long coveredSeconds, long ratePerMinute, long dayNumber, List<HeldMoment> moments,
                   Instant placedAt) {

    public Hold {
        moments = List.copyOf(moments);
    }
}
