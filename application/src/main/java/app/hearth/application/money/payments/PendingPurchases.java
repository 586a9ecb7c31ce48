package app.hearth.application.money.payments;

import app.hearth.domain.money.payments.PurchaserKeys;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** Facts of purchasers Hearth does not know yet, with the keys that may claim them; each is claimed once. */
@SecondaryPort
public interface PendingPurchases {

    /** Which key claimed a pending purchase. */
    enum ClaimKey {
        MEMBER_ID, ADAPTY_PROFILE_ID, STRIPE_CUSTOMER_ID,
        /** A later report of the same fact named a known member. */
        REPORT;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    record Pending(long pendingId, String dedupeKey, PurchaserKeys keys, Instant createdAt, String claimedBy,
                   Instant claimedAt, String claimedWith) {
    }

    void add(String dedupeKey, PurchaserKeys keys, Instant at);

    /** Replaces the claim keys of an unclaimed pending purchase (a later report knew more). */
    void rekey(String dedupeKey, PurchaserKeys keys);

    Optional<Pending> unclaimedOf(String dedupeKey);

    /** Unclaimed pending purchases whose {@code key} is {@code value}, oldest first. */
    List<Pending> unclaimedWith(ClaimKey key, String value);

    /**
     * Claims it for the member unless someone has: a conditional update ({@code claimed_by is null}), so of two
     * nodes claiming at once exactly one gets true.
     */
    boolean claim(long pendingId, String memberId, ClaimKey with, Instant at);

    /** Unclaimed pending purchases recorded before {@code before}, oldest first, after a pending id. */
    List<Pending> unclaimedBefore(Instant before, Long afterPendingId, int limit);
}
