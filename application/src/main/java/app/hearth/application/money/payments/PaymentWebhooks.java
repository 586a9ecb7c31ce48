package app.hearth.application.money.payments;

import app.hearth.domain.money.payments.PaymentEvent;
import org.jmolecules.architecture.hexagonal.PrimaryPort;

/**
 * Takes an authenticated provider notification (semantics.md "Payment events", steps 2 to 6): records it in the
 * inbox, once per provider event id, in one short transaction, and answers; a failure leaves nothing behind, so the
 * provider's retry starts afresh. A notification of a fact is {@link Outcome#RECORDED}: the inbox hands it on to the
 * applier, which counts its fact once, resolves the purchaser and hands it to the wallets or keeps it as a pending
 * purchase after the answer, in batches (ADR 0043).
 */
@PrimaryPort
public interface PaymentWebhooks {

    String STRIPE = "stripe";
    String ADAPTY = "adapty";

    /** What the webhook adapter read from a notification. */
    sealed interface Reading {
        /** A fact Hearth acts on. */
        record Normalized(PaymentEvent event) implements Reading {
        }

        /** A type Hearth does not act on (recorded, answered 200). */
        record Ignored(String why) implements Reading {
        }

        /** A type Hearth acts on that could not be read: parked for a person to look at. */
        record Unreadable(String why) implements Reading {
        }
    }

    /** A notification that passed authentication; {@code payload} is the raw body. */
    record Notification(String provider, String providerEventId, String eventType, String environment,
                        String payload, Reading reading) {
    }

    /** Reads a recorded notification's raw body again, as the webhook read it (the applier's reading). */
    @FunctionalInterface
    interface Reader {
        Reading read(String provider, String payload);
    }

    /** What the inbox row says became of a notification. */
    enum Outcome {
        /** A notification of a fact, recorded: applied after the answer (ADR 0043). */
        RECORDED,
        /** Its fact was new: resolved and handed on, or pending. */
        FACT_RECORDED,
        /** Its fact was reported before (the same purchase from the other provider, say): counted once. */
        DUPLICATE_FACT,
        IGNORED,
        UNREADABLE
    }

    /**
     * @param duplicate true when this very notification was received before: nothing changed
     * @param outcome   null for a duplicate; RECORDED when answering a webhook, what the application made of it when
     *                  applying it
     * @param status    what became of the fact (PENDING, APPLIED, …), null when there is none or it is not applied
     *                  yet
     */
    record Receipt(boolean duplicate, Outcome outcome, PaymentFacts.Status status) {
    }

    Receipt receive(Notification notification);
}
