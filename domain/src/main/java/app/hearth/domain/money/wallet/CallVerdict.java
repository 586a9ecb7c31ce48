package app.hearth.domain.money.wallet;

import java.time.Duration;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * What an ended call is billed for, judged once by the call when it ends (ADR 0030). The wallet's capture and the
 * companion's Earning Coins credit both take this verdict as it is and judge no rule again, so a member is charged
 * for a call exactly when its companion is credited for it, for the same {@link #startedMinutes}.
 *
 * <p>This class is the one home of the short-call rule and of started minutes: {@link #judge} is the only place that
 * decides them. V1 charges {@code startedMinutes} x the call's rate, V2 {@code billableSeconds} of the day's call
 * allowance, V3 the moments that cover {@code billableSeconds}; the companion is credited {@code startedMinutes}.
 *
 * @param chargeable      connected for at least {@link #SHORT_CALL}; a shorter call is not charged
 * @param billableSeconds whole seconds from the connect to the last billable moment; 0 when not chargeable
 * @param startedMinutes  {@code ceil(billableSeconds / 60)}; 0 when not chargeable
 */
@ValueObject
public record CallVerdict(boolean chargeable, long billableSeconds, long startedMinutes) {

    /** A call connected for less is not charged (and no call is ended for its balance before it). */
    public static final Duration SHORT_CALL = Duration.ofSeconds(60);
    /** What one started minute of call is: the unit V1 prices and Earning Coins credit. */
    public static final Duration MINUTE = Duration.ofSeconds(60);
    /** Nothing to bill: the call never connected, or was connected for less than {@link #SHORT_CALL}. */
    public static final CallVerdict NOTHING = new CallVerdict(false, 0, 0);

    public CallVerdict {
        if (billableSeconds < 0) {
            throw new IllegalArgumentException("billable seconds are not negative");
        }
        if (!chargeable && (billableSeconds != 0 || startedMinutes != 0)) {
            throw new IllegalArgumentException("a call that is not chargeable bills nothing");
        }
        if (startedMinutes != Math.ceilDiv(billableSeconds, MINUTE.toSeconds())) {
            throw new IllegalArgumentException("started minutes are ceil(billable seconds / 60)");
        }
    }

    /**
     * The verdict on a call connected for {@code connectedSeconds} whose billable time (from the connect to the last
     * moment both sides were proven present, within the covered time) is {@code billableSeconds}.
     */
    public static CallVerdict judge(long connectedSeconds, long billableSeconds) {
        if (connectedSeconds < SHORT_CALL.toSeconds()) {
            return NOTHING;
        }
        return chargeable(billableSeconds);
    }

    /** The verdict recorded for a chargeable call of {@code billableSeconds}. */
    public static CallVerdict chargeable(long billableSeconds) {
        return new CallVerdict(true, billableSeconds, Math.ceilDiv(billableSeconds, MINUTE.toSeconds()));
    }

    /** The member pays something, and the companion is credited the same started minutes. */
    public boolean charges() {
        return startedMinutes > 0;
    }
}
