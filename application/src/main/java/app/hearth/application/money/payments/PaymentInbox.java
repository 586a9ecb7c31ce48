package app.hearth.application.money.payments;

import java.time.Instant;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** Every authenticated notification once, keyed by (provider, provider event id), with its raw body. */
@SecondaryPort
public interface PaymentInbox {

    /**
     * Records the notification in the caller's transaction; false when it is there already (a concurrent copy
     * waits for the first to commit and then gets false).
     */
    boolean add(PaymentWebhooks.Notification notification, Instant receivedAt);

    /** What became of it. */
    void settle(String provider, String providerEventId, PaymentWebhooks.Outcome outcome, String dedupeKey,
                String detail);
}
