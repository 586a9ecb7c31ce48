package app.hearth.application.money.payments;

import app.hearth.domain.money.payments.PaymentEnvironment;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/**
 * Every authenticated notification once, keyed by (provider, provider event id), with its raw body. A notification
 * whose fact is to be applied is {@link PaymentWebhooks.Outcome#RECORDED} until the applier applies it, in a later
 * transaction than the one that recorded it (ADR 0043).
 */
@SecondaryPort
public interface PaymentInbox {

    /** A recorded notification not applied yet, as the applier claims it. */
    record Recorded(long inboxId, String provider, String providerEventId, String eventType, String environment,
                    String payload, int attempts, Instant receivedAt) {
    }

    /**
     * How far application lags: notifications recorded and not applied yet (with those whose last attempt failed,
     * waiting to be tried again), the oldest one's receipt, and the last application.
     */
    record Lag(long unapplied, long failing, Instant oldestUnappliedAt, Instant lastAppliedAt) {
    }

    /**
     * A share of the recorded notifications, for one of {@code count} appliers side by side (ADR 0043): the
     * notifications are spread over a fixed number of slots by their fact's {@code PaymentEvent.orderKey()}, and
     * applier {@code index} applies the slots {@code s} with {@code s % count == index}, one transaction at a time
     * per slot across all nodes.
     */
    record Share(int index, int count) {

        /** Every slot: one applier. */
        public static final Share ALL = new Share(0, 1);

        public Share {
            if (count < 1 || index < 0 || index >= count) {
                throw new IllegalArgumentException("a share " + index + " of " + count);
            }
        }
    }

    /** What became of a recorded notification, to be written with others of its batch ({@link #settle(List)}). */
    record Settlement(String provider, String providerEventId, PaymentWebhooks.Outcome outcome, String dedupeKey,
                      String detail, Instant appliedAt) {
    }

    /**
     * Records the notification in the caller's transaction with {@code outcome}, to be applied by the nodes that
     * apply {@code appliesIn}'s payments when it is {@link PaymentWebhooks.Outcome#RECORDED} (after the recorded
     * notifications of its fact's order key); false when it is there already (a concurrent copy waits for the first
     * to commit and then gets false).
     */
    boolean add(PaymentWebhooks.Notification notification, Instant receivedAt, PaymentWebhooks.Outcome outcome,
                String detail, PaymentEnvironment appliesIn);

    /** What became of a recorded notification, applied at {@code appliedAt}. */
    void settle(String provider, String providerEventId, PaymentWebhooks.Outcome outcome, String dedupeKey,
                String detail, Instant appliedAt);

    /** Each of {@code settlements}, in the caller's transaction (one statement where it can). */
    default void settle(List<Settlement> settlements) {
        for (Settlement settled : settlements) {
            settle(settled.provider(), settled.providerEventId(), settled.outcome(), settled.dedupeKey(),
                    settled.detail(), settled.appliedAt());
        }
    }

    /**
     * Locks, until the caller's transaction ends, up to {@code limit} recorded notifications of {@code appliesIn}
     * in {@code share} that are due at {@code now}, in the order they were recorded, skipping rows another
     * transaction holds; only of the share's slots no other transaction holds (each slot's turn is one
     * transaction's at a time, on any node).
     */
    List<Recorded> claimRecorded(PaymentEnvironment appliesIn, Share share, Instant now, int limit);

    /** {@link #claimRecorded(PaymentEnvironment, Share, Instant, int)} of every slot. */
    default List<Recorded> claimRecorded(PaymentEnvironment appliesIn, Instant now, int limit) {
        return claimRecorded(appliesIn, Share.ALL, now, limit);
    }

    /**
     * The same for one notification: empty when it is applied, held by another transaction, or its slot's turn is
     * another transaction's.
     */
    Optional<Recorded> claimRecorded(PaymentEnvironment appliesIn, long inboxId);

    /** Applying it failed: one more attempt, the failure, and not before {@code retryAt}. */
    void failed(long inboxId, String error, Instant retryAt);

    /** How far application of {@code appliesIn}'s notifications lags. */
    Lag lag(PaymentEnvironment appliesIn);
}
