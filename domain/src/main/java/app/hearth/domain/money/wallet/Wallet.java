package app.hearth.domain.money.wallet;

import app.hearth.domain.money.catalog.MonetizationVersion;
import java.time.Instant;
import java.util.Comparator;
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
     * An open wallet: the member's monetization version and time zone (a new zone waits in {@code pendingZone}
     * until the next local midnight), and what each version counts. Only the current version's part moves; a
     * migration empties the old part with recorded movements.
     *
     * @param grantedTokens  V1 promotional tokens, spent first
     * @param lots           V1 paid tokens per purchase, spent oldest first
     * @param subscriptions  V2 subscriptions by key
     * @param days           V2 allowance days: the current one last, earlier ones only while a call of theirs holds
     * @param packs          V3 moment packs, in purchase order
     * @param chatWindows    V3 open chat windows by companion
     * @param holds          open holds by hold id
     * @param refunded       purchase keys refunded (a purchase that arrives after its refund brings nothing)
     * @param movements      how many movements were recorded (the last movement's position)
     * @param dayCount       how many allowance days have started
     * @param purchaseCount  how many lots and packs were added (orders packs that expire together)
     * @param recorded       every movement id carried out
     */
    @AggregateRoot
    record Open(@Identity String memberId, MonetizationVersion version, String zone, String pendingZone,
                long grantedTokens, List<TokenLot> lots, Map<String, Subscription> subscriptions,
                List<AllowanceDay> days, List<MomentPack> packs, Map<String, ChatWindow> chatWindows,
                Map<String, Hold> holds, Set<String> refunded, long movements, long dayCount, long purchaseCount,
                RecordedIds recorded) implements Wallet {

        public Open {
            lots = List.copyOf(lots);
            subscriptions = Map.copyOf(subscriptions);
            days = List.copyOf(days);
            packs = List.copyOf(packs);
            chatWindows = Map.copyOf(chatWindows);
            holds = Map.copyOf(holds);
            refunded = Set.copyOf(refunded);
        }

        /** The zone the next allowance day will use. */
        public String effectiveZone() {
            return pendingZone != null ? pendingZone : zone;
        }

        public long paidTokens() {
            return lots.stream().mapToLong(TokenLot::remaining).sum();
        }

        /** V1 balance: granted plus paid tokens, held ones included. */
        public long tokenBalance() {
            return grantedTokens + paidTokens();
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
            return packs.stream().mapToLong(MomentPack::remaining).sum();
        }

        public long heldMoments() {
            return heldOf(MeterUnit.MOMENTS);
        }

        /** Moments that can be used at {@code at}: unexpired and not held. */
        public long usableMoments(Instant at) {
            return packs.stream().filter(pack -> pack.usableAt(at)).mapToLong(MomentPack::free).sum();
        }

        public long heldOf(MeterUnit unit) {
            return holds.values().stream().filter(hold -> hold.unit() == unit).mapToLong(Hold::held).sum();
        }

        public Optional<AllowanceDay> currentDay() {
            return days.isEmpty() ? Optional.empty() : Optional.of(days.getLast());
        }

        public Optional<AllowanceDay> day(long number) {
            return days.stream().filter(day -> day.number() == number).findFirst();
        }

        /** The best tier granted at {@code at} by any subscription, if any grants one. */
        public Optional<TierGrant> tierAt(Instant at) {
            return subscriptions.values().stream().filter(subscription -> subscription.entitledAt(at))
                    .map(subscription -> subscription.tierAt(at))
                    .max(Comparator.comparingInt(TierGrant::rank));
        }

        public long dailyCallSecondsAt(Instant at) {
            return tierAt(at).map(TierGrant::dailyCallSeconds).orElse(0L);
        }

        public long dailyMessagesAt(Instant at) {
            return tierAt(at).map(TierGrant::dailyMessages).orElse(0L);
        }

        /** Call seconds of {@code day} no call used or holds, at {@code at}'s allowance (never below 0). */
        public long callSecondsLeft(AllowanceDay day, Instant at) {
            return Math.max(0, dailyCallSecondsAt(at) - day.callSecondsUsed() - day.callSecondsHeld());
        }

        public long messagesLeft(AllowanceDay day, Instant at) {
            return Math.max(0, dailyMessagesAt(at) - day.messagesUsed());
        }

        /** The allowance day that applies at {@code at}: the current one, or the one a reset would start. */
        public AllowanceDay dayAt(Instant at) {
            return currentDay().filter(day -> at.isBefore(day.endsAt()))
                    .orElseGet(() -> AllowanceDay.containing(dayCount + 1, effectiveZone(), at));
        }
    }
}
