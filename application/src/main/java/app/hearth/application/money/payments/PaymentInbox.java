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
     * Records the notification in the caller's transaction with {@code outcome}, to be applied by the nodes that
     * apply {@code appliesIn}'s payments when it is {@link PaymentWebhooks.Outcome#RECORDED}; false when it is there
     * already (a concurrent copy waits for the first to commit and then gets false).
     */
    boolean add(PaymentWebhooks.Notification notification, Instant receivedAt, PaymentWebhooks.Outcome outcome,
                String detail, PaymentEnvironment appliesIn);

    /** What became of a recorded notification, applied at {@code appliedAt}. */
    void settle(String provider, String providerEventId, PaymentWebhooks.Outcome outcome, String dedupeKey,
                String detail, Instant appliedAt);

    /**
     * Locks, until the caller's transaction ends, up to {@code limit} recorded notifications of {@code appliesIn}
     * that are due at {@code now}, in the order they were recorded, skipping rows another transaction holds; none
     * while another node's applier holds {@code appliesIn}'s turn (one applier at a time per environment).
     */
    List<Recorded> claimRecorded(PaymentEnvironment appliesIn, Instant now, int limit);

    /** The same for one notification: empty when it is applied, held by another transaction, or not its turn. */
    Optional<Recorded> claimRecorded(PaymentEnvironment appliesIn, long inboxId);

    /** Applying it failed: one more attempt, the failure, and not before {@code retryAt}. */
    void failed(long inboxId, String error, Instant retryAt);

    /** How far application of {@code appliesIn}'s notifications lags. */
    Lag lag(PaymentEnvironment appliesIn);
}
