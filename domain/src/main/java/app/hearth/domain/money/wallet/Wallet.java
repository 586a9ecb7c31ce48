package app.hearth.domain.money.wallet;

import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.shared.IdempotencyIndex;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jmolecules.ddd.annotation.AggregateRoot;
import org.jmolecules.ddd.annotation.Identity;

/** The state of a member's wallet, as a sum type: not opened yet, or open. */
public sealed interface Wallet {

    Wallet UNOPENED = new Unopened();

    /** No wallet has been opened for this member. */
    record Unopened() implements Wallet {
    }

    /**
     * An open wallet: the member's time zone (a new zone waits in {@code pendingZone} until the next local
     * midnight) and the {@link VersionPart} of its monetization version, the only part that moves. A migration
     * empties the old part with recorded movements; a V2 part is kept as it was ({@code keptTiers}) and taken up
     * again should the wallet come back to V2.
     *
     * @param part          what the wallet's version counts: tokens, tiers or moments
     * @param keptTiers     the V2 part as the wallet left it on its last migration out of V2; none on V2 or before
     * @param holds         open holds by hold id
     * @param refunded      purchase keys refunded (a purchase that arrives after its refund brings nothing)
     * @param movements     how many movements were recorded (the last movement's position)
     * @param purchaseCount how many lots and packs were added (orders packs that expire together)
     * @param recorded      the movement ids carried out, with what they did: the last
     *                      {@link #REMEMBERED_MOVEMENTS} in memory, older ones recalled from the adapters' index
     *                      when a command needs them ({@link WalletDecider#keysToRecall}, ADR 0041)
     */
    @AggregateRoot
    record Open(@Identity String memberId, String zone, String pendingZone, VersionPart part,
                VersionPart.Tiers keptTiers, Map<String, Hold> holds, Set<String> refunded, long movements,
                long purchaseCount, IdempotencyIndex<CarriedOut> recorded) implements Wallet {

        /** How many movement ids a wallet remembers in memory (ADR 0041). */
        public static final int REMEMBERED_MOVEMENTS = 256;

        public Open {
            holds = Map.copyOf(holds);
            refunded = Set.copyOf(refunded);
        }

        /** A wallet just opened on {@code version} in {@code zone}: nothing counted, nothing recorded. */
        static Open opened(String memberId, MonetizationVersion version, String zone) {
            return new Open(memberId, zone, null, VersionPart.empty(version), VersionPart.Tiers.NONE, Map.of(),
                    Set.of(), 0, 0, IdempotencyIndex.none(REMEMBERED_MOVEMENTS));
        }

        /**
         * This wallet as the read model keeps it (ADR 0048): everything its {@link WalletView} shows and the rest of
         * its fold reads, without the movement ids it carried out, the refunded purchase keys and the V3 chat windows
         * (no view shows them, and the fold changes them without reading them for anything else).
         * {@link WalletDecider#evolveStored} keeps this shape.
         */
        public Open asStored() {
            return new Open(memberId, zone, pendingZone, withoutWindows(part), keptTiers, holds, Set.of(), movements,
                    purchaseCount, IdempotencyIndex.none(REMEMBERED_MOVEMENTS));
        }

        private static VersionPart withoutWindows(VersionPart part) {
            return part instanceof VersionPart.Moments moments && !moments.chatWindows().isEmpty()
                    ? new VersionPart.Moments(moments.packs(), Map.of()) : part;
        }

        /** This wallet, also answering for movement ids it forgot and an earlier look-up {@code found}. */
        public Open recalling(Map<String, CarriedOut> found) {
            return found.isEmpty() ? this : new Open(memberId, zone, pendingZone, part, keptTiers, holds, refunded,
                    movements, purchaseCount, recorded.recalling(found));
        }

        public MonetizationVersion version() {
            return part.version();
        }

        /** The zone the next allowance day will use. */
        public String effectiveZone() {
            return pendingZone != null ? pendingZone : zone;
        }

        /** The V1 part; none counted on another version. */
        public VersionPart.Tokens tokens() {
            return part instanceof VersionPart.Tokens tokens ? tokens : VersionPart.Tokens.NONE;
        }

        /** The V2 part; none counted on another version. */
        public VersionPart.Tiers tiers() {
            return part instanceof VersionPart.Tiers tiers ? tiers : VersionPart.Tiers.NONE;
        }

        /** The V3 part; none counted on another version. */
        public VersionPart.Moments moments() {
            return part instanceof VersionPart.Moments moments ? moments : VersionPart.Moments.NONE;
        }

        public long grantedTokens() {
            return tokens().granted();
        }

        public List<TokenLot> lots() {
            return tokens().lots();
        }

        public long paidTokens() {
            return tokens().paid();
        }

        /** V1 balance: granted plus paid tokens, held ones included. */
        public long tokenBalance() {
            return tokens().balance();
        }

        public long heldTokens() {
            return heldOf(MeterUnit.TOKENS);
        }

        /** Tokens no hold reserves. */
        public long spendableTokens() {
            return tokenBalance() - heldTokens();
        }

        /** V3 balance: unused moments of every pack, expired-but-not-yet-swept and held ones included. */
        public long momentBalance() {
            return moments().balance();
        }

        public List<MomentPack> packs() {
            return moments().packs();
        }

        public long heldMoments() {
            return heldOf(MeterUnit.MOMENTS);
        }

        /** Moments that can be used at {@code at}: unexpired and not held. */
        public long usableMoments(Instant at) {
            return moments().usableAt(at);
        }

        public long heldOf(MeterUnit unit) {
            return holds.values().stream().filter(hold -> hold.unit() == unit).mapToLong(Hold::held).sum();
        }

        public Map<String, Subscription> subscriptions() {
            return tiers().subscriptions();
        }

        public List<AllowanceDay> days() {
            return tiers().days();
        }

        public Optional<AllowanceDay> currentDay() {
            return tiers().currentDay();
        }

        public Optional<AllowanceDay> day(long number) {
            return tiers().day(number);
        }

        public long dailyCallSecondsAt(Instant at) {
            return tiers().dailyCallSecondsAt(at);
        }

        public long dailyMessagesAt(Instant at) {
            return tiers().dailyMessagesAt(at);
        }

        /** Call seconds of {@code day} no call used or holds, at {@code at}'s allowance (never below 0). */
        public long callSecondsLeft(AllowanceDay day, Instant at) {
            return tiers().callSecondsLeft(day, at);
        }

        public long messagesLeft(AllowanceDay day, Instant at) {
            return tiers().messagesLeft(day, at);
        }

        /** The allowance day that applies at {@code at}: the current one, or the one a reset would start. */
        public AllowanceDay dayAt(Instant at) {
            return tiers().dayAt(at, effectiveZone());
        }
    }
}
