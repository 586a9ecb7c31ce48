package app.hearth.application.money.payments;

import app.hearth.application.shared.Page;
import app.hearth.domain.access.Actor;
import org.jmolecules.architecture.hexagonal.PrimaryPort;

/**
 * What operators (admin, superadmin) read about payment events: a member's facts, parked events, pending ones, and
 * how far application lags.
 */
@PrimaryPort
public interface PaymentOperations {

    String ACCESS_DENIED = "PAYMENTS_ACCESS_DENIED";
    int DEFAULT_PENDING_AGE_DAYS = 30;

    /** The member's payment facts with what became of each, newest first. */
    Page<PaymentFacts.Fact> memberPayments(Actor actor, String memberId, String cursor, int limit);

    /** Parked payment events not yet resolved, newest first. */
    Page<ParkedPaymentEvents.Parked> parkedEvents(Actor actor, String cursor, int limit);

    /**
     * How far applying recorded notifications to wallets lags on this installation (ADR 0043): how many are recorded
     * and not applied, how many of them failed and wait to be tried again, the oldest one's receipt, the last
     * application.
     */
    PaymentInbox.Lag applicationLag(Actor actor);

    /** Pending purchases unclaimed for at least {@code olderThanDays} days (the support queue), oldest first. */
    Page<PendingPurchases.Pending> pendingPurchases(Actor actor, Integer olderThanDays, String cursor, int limit);
}
