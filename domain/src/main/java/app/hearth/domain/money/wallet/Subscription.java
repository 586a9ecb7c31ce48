package app.hearth.domain.money.wallet;

import java.time.Instant;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * One V2 subscription as the provider last told it. {@code pendingTier} is a downgrade that applies from
 * {@code pendingFrom} (the end of the period in which it was bought). {@code newestProviderTime} is the newest
 * provider time seen for this subscription: an older fact is recorded but moves nothing.
 */
@ValueObject
public record Subscription(String key, TierGrant tier, TierGrant pendingTier, Instant pendingFrom,
                           SubscriptionStatus status, Instant periodEnd, Instant newestProviderTime) {

    /** A subscription first heard of at {@code at}, before its first fact is applied: expired, on {@code tier}. */
    static Subscription beforeFirstFact(String key, TierGrant tier, Instant at) {
        return new Subscription(key, tier, null, null, SubscriptionStatus.EXPIRED, null, at);
    }

    /** The tier in force at {@code at}: the pending downgrade once its time has come. */
    public TierGrant tierAt(Instant at) {
        return pendingTier != null && pendingFrom != null && !at.isBefore(pendingFrom) ? pendingTier : tier;
    }

    /**
     * Whether the subscription grants an allowance at {@code at}: active (a late renewal does not cut a member
     * off), in grace until the grace period ends, cancelled until the paid period ends; expired never.
     */
    public boolean entitledAt(Instant at) {
        return switch (status) {
            case ACTIVE -> true;
            case IN_GRACE, CANCELLED_AT_PERIOD_END -> periodEnd == null || at.isBefore(periodEnd);
            case EXPIRED -> false;
        };
    }

    /** The same subscription with its pending downgrade applied if it is due at {@code at}. */
    Subscription settledAt(Instant at) {
        if (pendingTier != null && pendingFrom != null && !at.isBefore(pendingFrom)) {
            return new Subscription(key, pendingTier, null, null, status, periodEnd, newestProviderTime);
        }
        return this;
    }
}
