package app.hearth.application.money;

import app.hearth.domain.money.payments.PaymentEvent;
import org.jmolecules.architecture.hexagonal.PrimaryPort;

/**
 * Applies a normalized payment event of a known member to their wallet, routed by the member's monetization
 * version (semantics.md "Payment events", steps 4 and 5). Implemented by the wallet side; called by the payment
 * pipeline once an event is recorded, deduplicated and its purchaser resolved. Idempotent on
 * {@link PaymentEvent#dedupeKey()}.
 */
@PrimaryPort
public interface PaymentApplication {

    /** What became of an event. */
    enum Outcome {
        /** The wallet moved (or, for informational events, the fact was recorded). */
        APPLIED,
        /** This fact was applied before; nothing changed. */
        ALREADY_APPLIED,
        /** Older than the newest provider time seen for its subscription: recorded, state not moved back. */
        OUT_OF_ORDER,
        /** The product does not belong to the member's version (or is unknown): parked for review, alerted. */
        PARKED
    }

    /** A reason goes with parked events, for the review queue. */
    record Result(Outcome outcome, String reason) {
    }

    Result apply(String memberId, PaymentEvent event);
}
