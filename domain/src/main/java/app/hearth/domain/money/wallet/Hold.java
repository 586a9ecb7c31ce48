package app.hearth.domain.money.wallet;

import app.hearth.domain.money.catalog.MonetizationVersion;
import java.time.Instant;
import java.util.ArrayList;
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

    /** A V1 hold of {@code tokens} covering {@code coveredSeconds}, priced at {@code ratePerMinute}. */
    static Hold ofTokens(String holdId, CallKind kind, long requestedSeconds, long tokens, long coveredSeconds,
                         long ratePerMinute, Instant placedAt) {
        return new Hold(holdId, kind, MonetizationVersion.V1_TOKENS, MeterUnit.TOKENS, requestedSeconds, tokens,
                coveredSeconds, ratePerMinute, 0, List.of(), placedAt);
    }

    /** A V2 hold of {@code seconds} of the allowance of day {@code dayNumber}, covering as many. */
    static Hold ofCallSeconds(String holdId, CallKind kind, long requestedSeconds, long seconds, long dayNumber,
                              Instant placedAt) {
        return new Hold(holdId, kind, MonetizationVersion.V2_TIERS, MeterUnit.CALL_SECONDS, requestedSeconds, seconds,
                seconds, 0, dayNumber, List.of(), placedAt);
    }

    /** A V3 hold of {@code moments}, covering what their lengths add up to. */
    static Hold ofMoments(String holdId, CallKind kind, long requestedSeconds, List<HeldMoment> moments,
                          Instant placedAt) {
        return new Hold(holdId, kind, MonetizationVersion.V3_MOMENTS, MeterUnit.MOMENTS, requestedSeconds,
                moments.size(), HeldMoment.covered(moments), 0, 0, moments, placedAt);
    }

    /** This hold asked to cover {@code requestedSeconds}, holding {@code added} more and the moments added. */
    Hold extended(long requestedSeconds, long added, long coveredSeconds, List<HeldMoment> addedMoments) {
        var all = new ArrayList<>(moments);
        all.addAll(addedMoments);
        return new Hold(holdId, kind, version, unit, requestedSeconds, held + added, coveredSeconds, ratePerMinute,
                dayNumber, all, placedAt);
    }
}
