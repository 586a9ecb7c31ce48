package app.hearth.domain.money.wallet;

import app.hearth.domain.money.catalog.MonetizationVersion;
import java.time.Instant;
import java.util.List;
import org.jmolecules.event.annotation.DomainEvent;

/**
 * What happened to a wallet. The {@link DomainEvent} names are the stored event type names ({@code wallet.*}):
 * they never change when a class moves or is renamed. Events that move units carry their {@link Movement}s.
 */
public sealed interface WalletEvent {

    String memberId();

    Instant at();

    /** The units this event moved, in position order; none for most events. */
    default List<Movement> movements() {
        return List.of();
    }

    @DomainEvent(namespace = "wallet", name = "WalletOpened")
    record WalletOpened(String memberId, MonetizationVersion version, String zone, Instant at) implements WalletEvent {
    }

    @DomainEvent(namespace = "wallet", name = "TimeZoneChanged")
    record TimeZoneChanged(String memberId, String movementId, String zone, Instant at) implements WalletEvent {
    }

    @DomainEvent(namespace = "wallet", name = "TokensGranted")
    record TokensGranted(String memberId, String movementId, long tokens, String reason, String actor, Instant at,
                         List<Movement> movements) implements WalletEvent {
    }

    @DomainEvent(namespace = "wallet", name = "TokensPurchased")
    record TokensPurchased(String memberId, String movementId, PaymentFacts payment, String productId, String lotKey,
                           long tokens, Instant at, List<Movement> movements) implements WalletEvent {
    }

    @DomainEvent(namespace = "wallet", name = "MomentPackPurchased")
    record MomentPackPurchased(String memberId, String movementId, PaymentFacts payment, String productId,
                               String packKey, long moments, long momentSeconds, Instant expiresAt, Instant at,
                               List<Movement> movements) implements WalletEvent {
    }

    /**
     * A refund took back {@code removed} unspent units of a purchase; {@code shortfall} units of it were already
     * spent or held by a call and stay with the member: support follows up. {@code beforePurchase} when the refund
     * arrived before its purchase (which then brings nothing).
     */
    @DomainEvent(namespace = "wallet", name = "PurchaseRefunded")
    record PurchaseRefunded(String memberId, String movementId, PaymentFacts payment, String purchaseKey,
                            MeterUnit unit, long removed, long shortfall, boolean beforePurchase, Instant at,
                            List<Movement> movements) implements WalletEvent {
    }

    /** A subscription moved: {@code subscription} is its whole state afterwards. */
    @DomainEvent(namespace = "wallet", name = "SubscriptionUpdated")
    record SubscriptionUpdated(String memberId, String movementId, PaymentFacts payment, Subscription subscription,
                               Instant at) implements WalletEvent {
    }

    /**
     * A payment fact recorded without moving anything: informational, older than the newest provider time of its
     * subscription ({@code outOfOrder}), or a purchase whose refund came first.
     */
    @DomainEvent(namespace = "wallet", name = "PaymentRecorded")
    record PaymentRecorded(String memberId, String movementId, PaymentFacts payment, boolean outOfOrder, String note,
                           Instant at) implements WalletEvent {
    }

    @DomainEvent(namespace = "wallet", name = "MomentsExpired")
    record MomentsExpired(String memberId, String packKey, long moments, Instant at, List<Movement> movements)
            implements WalletEvent {
    }

    /** A new local day of the V2 allowance began (at the first use after local midnight). */
    @DomainEvent(namespace = "wallet", name = "AllowanceDayStarted")
    record AllowanceDayStarted(String memberId, AllowanceDay day, Instant at) implements WalletEvent {
    }

    @DomainEvent(namespace = "wallet", name = "HoldPlaced")
    record HoldPlaced(String memberId, String movementId, Hold hold, Instant at) implements WalletEvent {
    }

    @DomainEvent(namespace = "wallet", name = "HoldExtended")
    record HoldExtended(String memberId, String movementId, String holdId, long requestedSeconds, long added,
                        long coveredSeconds, List<HeldMoment> addedMoments, Instant at) implements WalletEvent {
    }

    @DomainEvent(namespace = "wallet", name = "HoldCaptured")
    record HoldCaptured(String memberId, String movementId, String holdId, long usedSeconds, long charged,
                        long released, List<Draw> draws, Instant at, List<Movement> movements) implements WalletEvent {
    }

    @DomainEvent(namespace = "wallet", name = "HoldReleased")
    record HoldReleased(String memberId, String movementId, String holdId, long released, Instant at)
            implements WalletEvent {
    }

    /** A chat message was charged; {@code window} is the V3 chat window it opened, if it opened one. */
    @DomainEvent(namespace = "wallet", name = "MessageCharged")
    record MessageCharged(String memberId, String movementId, String messageId, String companionId, MeterUnit unit,
                          long charged, List<Draw> draws, ChatWindow window, long dayNumber, Instant at,
                          List<Movement> movements) implements WalletEvent {
    }

    /**
     * The wallet moved from {@code from} to {@code to}: {@code unitsOut} of the old version's balance left and
     * {@code unitsIn} of the new version's arrived (as lot or pack {@code purchaseKey}) under conversion rule
     * {@code ruleId}; both are movements.
     */
    @DomainEvent(namespace = "wallet", name = "WalletMigrated")
    record WalletMigrated(String memberId, String movementId, MonetizationVersion from, MonetizationVersion to,
                          String ruleId, long unitsOut, long unitsIn, String purchaseKey, long momentSeconds,
                          Instant expiresAt, String actor, Instant at, List<Movement> movements)
            implements WalletEvent {
    }
}
