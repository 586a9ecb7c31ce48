package app.hearth.domain.money.wallet;

import app.hearth.domain.money.catalog.MonetizationVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * What an open wallet counts for its monetization version, as a sum type: {@link Tokens} (V1), {@link Tiers} (V2)
 * or {@link Moments} (V3). A wallet holds the part of its version only; the rules of each part are
 * {@link TokenRules}, {@link TierRules} and {@link MomentRules}. Parts are values: every change makes a new one.
 */
public sealed interface VersionPart {

    MonetizationVersion version();

    /** The part a wallet arriving on {@code version} starts with: nothing counted yet. */
    static VersionPart empty(MonetizationVersion version) {
        return switch (version) {
            case V1_TOKENS -> Tokens.NONE;
            case V2_TIERS -> Tiers.NONE;
            case V3_MOMENTS -> Moments.NONE;
        };
    }

    /** {@code items} with the first one that {@code matches} changed by {@code change}; as they were if none does. */
    private static <T> List<T> replaceFirst(List<T> items, Predicate<T> matches, UnaryOperator<T> change) {
        for (int i = 0; i < items.size(); i++) {
            if (matches.test(items.get(i))) {
                var changed = new ArrayList<>(items);
                changed.set(i, change.apply(items.get(i)));
                return changed;
            }
        }
        return items;
    }

    /**
     * V1: promotional tokens, spent first, and paid tokens per purchase, spent oldest first.
     *
     * @param granted promotional tokens left
     * @param lots    paid tokens per purchase (or migration), in purchase order; an emptied lot stays
     */
    @ValueObject
    record Tokens(long granted, List<TokenLot> lots) implements VersionPart {

        static final Tokens NONE = new Tokens(0, List.of());

        public Tokens {
            lots = List.copyOf(lots);
        }

        @Override
        public MonetizationVersion version() {
            return MonetizationVersion.V1_TOKENS;
        }

        public long paid() {
            return lots.stream().mapToLong(TokenLot::remaining).sum();
        }

        /** Granted plus paid tokens, held ones included. */
        public long balance() {
            return granted + paid();
        }

        Optional<TokenLot> lot(String key) {
            return lots.stream().filter(lot -> lot.key().equals(key)).findFirst();
        }

        Tokens granting(long tokens) {
            return new Tokens(granted + tokens, lots);
        }

        Tokens withLot(TokenLot lot) {
            var more = new ArrayList<>(lots);
            more.add(lot);
            return new Tokens(granted, more);
        }

        /** The part after {@code draws}: granted tokens by {@link Draw#GRANTED}, paid ones by their lot's key. */
        Tokens drawn(List<Draw> draws) {
            Tokens after = this;
            for (Draw draw : draws) {
                after = draw.source().equals(Draw.GRANTED) ? new Tokens(after.granted - draw.amount(), after.lots)
                        : after.takenFromLot(draw.source(), draw.amount());
            }
            return after;
        }

        /** The part with {@code amount} tokens fewer in lot {@code key}; an emptied lot stays (a refund needs it). */
        Tokens takenFromLot(String key, long amount) {
            return new Tokens(granted, replaceFirst(lots, lot -> lot.key().equals(key), lot -> lot.minus(amount)));
        }
    }

    /**
     * V2: the subscriptions, and the allowance days of the local calendar.
     *
     * @param subscriptions subscriptions by key
     * @param days          the current day last; earlier ones only while a call of theirs holds seconds
     * @param dayCount      how many allowance days have started (the number of the current one)
     */
    @ValueObject
    record Tiers(Map<String, Subscription> subscriptions, List<AllowanceDay> days, long dayCount)
            implements VersionPart {

        static final Tiers NONE = new Tiers(Map.of(), List.of(), 0);

        public Tiers {
            subscriptions = Map.copyOf(subscriptions);
            days = List.copyOf(days);
        }

        @Override
        public MonetizationVersion version() {
            return MonetizationVersion.V2_TIERS;
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

        public Optional<AllowanceDay> currentDay() {
            return days.isEmpty() ? Optional.empty() : Optional.of(days.getLast());
        }

        public Optional<AllowanceDay> day(long number) {
            return days.stream().filter(day -> day.number() == number).findFirst();
        }

        /** The day that applies at {@code at}: the current one, or the one a reset in {@code zone} would start. */
        public AllowanceDay dayAt(Instant at, String zone) {
            return currentDay().filter(day -> at.isBefore(day.endsAt()))
                    .orElseGet(() -> AllowanceDay.containing(dayCount + 1, zone, at));
        }

        Tiers withSubscription(Subscription subscription) {
            var more = new HashMap<>(subscriptions);
            more.put(subscription.key(), subscription);
            return new Tiers(more, days, dayCount);
        }

        /** A new day begins: it becomes the current one; earlier days stay while a call of theirs holds. */
        Tiers dayStarted(AllowanceDay day) {
            var kept = new ArrayList<>(days);
            kept.removeIf(earlier -> earlier.callSecondsHeld() == 0);
            kept.add(day);
            return new Tiers(subscriptions, kept, day.number());
        }

        /** Day {@code number} with {@code used} more call seconds used and {@code held} more held. */
        Tiers callsOn(long number, long used, long held) {
            return onDay(number, day -> day.withCalls(day.callSecondsUsed() + used, day.callSecondsHeld() + held));
        }

        Tiers messagesOn(long number, long messages) {
            return onDay(number, day -> day.withMessages(day.messagesUsed() + messages));
        }

        /** Earlier days stay only while a call of theirs holds seconds. */
        Tiers pruned() {
            var kept = new ArrayList<AllowanceDay>();
            for (int i = 0; i < days.size(); i++) {
                if (i == days.size() - 1 || days.get(i).callSecondsHeld() != 0) {
                    kept.add(days.get(i));
                }
            }
            return new Tiers(subscriptions, kept, dayCount);
        }

        private Tiers onDay(long number, UnaryOperator<AllowanceDay> change) {
            return new Tiers(subscriptions, replaceFirst(days, day -> day.number() == number, change), dayCount);
        }
    }

    /**
     * V3: moment packs and the chat windows they opened.
     *
     * @param packs       in purchase order
     * @param chatWindows open chat windows by companion
     */
    @ValueObject
    record Moments(List<MomentPack> packs, Map<String, ChatWindow> chatWindows) implements VersionPart {

        static final Moments NONE = new Moments(List.of(), Map.of());

        public Moments {
            packs = List.copyOf(packs);
            chatWindows = Map.copyOf(chatWindows);
        }

        @Override
        public MonetizationVersion version() {
            return MonetizationVersion.V3_MOMENTS;
        }

        /** Unused moments of every pack, expired-but-not-yet-swept and held ones included. */
        public long balance() {
            return packs.stream().mapToLong(MomentPack::remaining).sum();
        }

        /** Moments that can be used at {@code at}: unexpired and not held. */
        public long usableAt(Instant at) {
            return packs.stream().filter(pack -> pack.usableAt(at)).mapToLong(MomentPack::free).sum();
        }

        Optional<MomentPack> pack(String key) {
            return packs.stream().filter(pack -> pack.key().equals(key)).findFirst();
        }

        Moments withPack(MomentPack pack) {
            var more = new ArrayList<>(packs);
            more.add(pack);
            return new Moments(more, chatWindows);
        }

        /** Pack {@code key} with {@code used} more moments used and {@code held} more held. */
        Moments usingPack(String key, long used, long held) {
            return new Moments(replaceFirst(packs, pack -> pack.key().equals(key),
                    pack -> pack.with(pack.remaining() - used, pack.held() + held)), chatWindows);
        }

        /**
         * A new window; windows that ended a whole {@link ChatWindow#LENGTH} before it opens go (an ended window
         * charges like none; the slack keeps a message stamped a little out of order judged as before), so the
         * windows kept are those of the last two days, not one per companion ever written to.
         */
        Moments withWindow(ChatWindow window) {
            var more = new HashMap<>(chatWindows);
            more.values().removeIf(ended -> !window.opensAt().isBefore(ended.endsAt().plus(ChatWindow.LENGTH)));
            more.put(window.companionId(), window);
            return new Moments(packs, more);
        }
    }
}
