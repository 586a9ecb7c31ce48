package app.hearth.application.money.payments;

import app.hearth.domain.money.payments.PaymentEnvironment;
import app.hearth.domain.money.payments.PaymentEvent;
import app.hearth.domain.money.payments.Store;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** Each payment fact once, keyed by {@link PaymentEvent#dedupeKey()}, with what became of it. */
@SecondaryPort
public interface PaymentFacts {

    /**
     * What became of a fact. APPLIED, ALREADY_APPLIED, OUT_OF_ORDER and PARKED are {@code PaymentApplication.Outcome}s;
     * PENDING waits for its purchaser to be known; the AWAITING ones wait for another fact (ADR 0031); the NOT_APPLIED
     * ones are of the environment this installation does not apply (ADR 0032).
     */
    enum Status {
        PENDING, APPLIED, ALREADY_APPLIED, OUT_OF_ORDER, PARKED, AWAITING_PURCHASE, AWAITING_SUBSCRIPTION_START,
        TEST_PAYMENT_NOT_APPLIED, LIVE_PAYMENT_NOT_APPLIED;

        /** The wallet took the fact (or had taken it): facts waiting for it may follow. */
        public boolean applied() {
            return this == APPLIED || this == ALREADY_APPLIED || this == OUT_OF_ORDER;
        }

        public boolean awaiting() {
            return this == AWAITING_PURCHASE || this == AWAITING_SUBSCRIPTION_START;
        }
    }

    /**
     * A fact as stored: the event of its first report (gaps filled in by later reports), the member it was applied
     * for (null while pending), how many notifications reported it and how often it was handed to the wallets.
     */
    record Fact(long factId, PaymentEvent event, String memberId, Status status, String reason, int reports,
                int handedOn, Instant recordedAt, Instant updatedAt, PaymentEnvironment environment) {

        /** A fact whose environment was not read. */
        public Fact(long factId, PaymentEvent event, String memberId, Status status, String reason, int reports,
                    int handedOn, Instant recordedAt, Instant updatedAt) {
            this(factId, event, memberId, status, reason, reports, handedOn, recordedAt, updatedAt, null);
        }
    }

    /** Records a new fact as PENDING in the caller's transaction; false when its dedupe key is there already. */
    boolean add(PaymentEvent event, Instant at);

    /** The fact, as committed (not locked). */
    Optional<Fact> find(String dedupeKey);

    /** The fact, locked until the caller's transaction ends. */
    Optional<Fact> lock(String dedupeKey);

    /** One more notification reported the fact; {@code merged} is the stored event with its gaps filled in. */
    void reported(String dedupeKey, PaymentEvent merged, Instant at);

    /** The fact was handed to the wallets for the member (one more hand-over) and this became of it. */
    void settle(String dedupeKey, String memberId, Status status, String reason, Instant at);

    /**
     * Holds the caller's transaction until those of every other caller that meets under one of {@code names}
     * ({@code Prerequisite.meetingNames}) end: facts that may wait for each other are decided one at a time.
     */
    void meet(Set<String> names);

    /** The facts of {@code store} whose transaction or original transaction is one of {@code names}. */
    List<Fact> named(Store store, Set<String> names);

    /** The fact is {@code status} for {@code memberId} (null when not known) without a hand-over to the wallets. */
    void hold(String dedupeKey, String memberId, Status status, String reason, Instant at);

    /**
     * Facts waiting for another (AWAITING_…) since before {@code recordedBefore} that have no open parked event,
     * oldest first.
     */
    List<Fact> waitingUnparked(Instant recordedBefore, int limit);

    /** The member's facts (applied for them, or naming them as purchaser), newest first, before a fact id. */
    List<Fact> ofMember(String memberId, Long beforeFactId, int limit);
}
