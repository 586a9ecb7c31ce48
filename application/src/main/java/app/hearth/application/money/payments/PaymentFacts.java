package app.hearth.application.money.payments;

import app.hearth.domain.money.payments.PaymentEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** Each payment fact once, keyed by {@link PaymentEvent#dedupeKey()}, with what became of it. */
@SecondaryPort
public interface PaymentFacts {

    /** What became of a fact; all but PENDING are {@code PaymentApplication.Outcome}s. */
    enum Status { PENDING, APPLIED, ALREADY_APPLIED, OUT_OF_ORDER, PARKED }

    /**
     * A fact as stored: the event of its first report (gaps filled in by later reports), the member it was applied
     * for (null while pending), how many notifications reported it and how often it was handed to the wallets.
     */
    record Fact(long factId, PaymentEvent event, String memberId, Status status, String reason, int reports,
                int handedOn, Instant recordedAt, Instant updatedAt) {
    }

    /** Records a new fact as PENDING in the caller's transaction; false when its dedupe key is there already. */
    boolean add(PaymentEvent event, Instant at);

    /** The fact, locked until the caller's transaction ends. */
    Optional<Fact> lock(String dedupeKey);

    /** One more notification reported the fact; {@code merged} is the stored event with its gaps filled in. */
    void reported(String dedupeKey, PaymentEvent merged, Instant at);

    /** The fact was handed to the wallets for the member (one more hand-over) and this became of it. */
    void settle(String dedupeKey, String memberId, Status status, String reason, Instant at);

    /** The member's facts (applied for them, or naming them as purchaser), newest first, before a fact id. */
    List<Fact> ofMember(String memberId, Long beforeFactId, int limit);
}
