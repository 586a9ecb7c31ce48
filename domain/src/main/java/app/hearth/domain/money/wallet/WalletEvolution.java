package app.hearth.domain.money.wallet;

import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.wallet.VersionPart.Moments;
import app.hearth.domain.money.wallet.VersionPart.Tiers;
import app.hearth.domain.money.wallet.VersionPart.Tokens;
import app.hearth.domain.money.wallet.Wallet.Open;
import app.hearth.domain.money.wallet.WalletEvent.AllowanceDayStarted;
import app.hearth.domain.money.wallet.WalletEvent.HoldCaptured;
import app.hearth.domain.money.wallet.WalletEvent.HoldExtended;
import app.hearth.domain.money.wallet.WalletEvent.HoldPlaced;
import app.hearth.domain.money.wallet.WalletEvent.HoldReleased;
import app.hearth.domain.money.wallet.WalletEvent.MessageCharged;
import app.hearth.domain.money.wallet.WalletEvent.MomentPackPurchased;
import app.hearth.domain.money.wallet.WalletEvent.MomentsExpired;
import app.hearth.domain.money.wallet.WalletEvent.PaymentRecorded;
import app.hearth.domain.money.wallet.WalletEvent.PurchaseRefunded;
import app.hearth.domain.money.wallet.WalletEvent.SubscriptionUpdated;
import app.hearth.domain.money.wallet.WalletEvent.TimeZoneChanged;
import app.hearth.domain.money.wallet.WalletEvent.TokensGranted;
import app.hearth.domain.money.wallet.WalletEvent.TokensPurchased;
import app.hearth.domain.money.wallet.WalletEvent.WalletMigrated;
import app.hearth.domain.money.wallet.WalletEvent.WalletOpened;
import app.hearth.domain.shared.IdempotencyIndex;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * How each event changes a wallet: {@link WalletDecider#evolve} folds it with the idempotency index, a {@link Draft}
 * without. An event changes the part of its version only ({@link VersionPart}).
 */
final class WalletEvolution {

    private WalletEvolution() {
    }

    static Wallet evolve(Wallet state, WalletEvent event, boolean index) {
        if (event instanceof WalletOpened opened) {
            return Open.opened(opened.memberId(), opened.version(), opened.zone());
        }
        Open w = WalletDecider.requireOpen(state, event.memberId());
        var b = new Step(w, index);
        b.movements += event.movements().size();
        switch (event) {
            case WalletOpened ignored -> throw new AssertionError("handled above");
            case TimeZoneChanged changed -> {
                b.pendingZone = changed.zone().equals(w.zone()) ? null : changed.zone();
                b.record(changed.movementId(), "zone", 0, 0, null);
            }
            case TokensGranted granted -> {
                b.tokens(tokens -> tokens.granting(granted.tokens()));
                b.record(granted.movementId(), "grant", granted.tokens(), 0, null);
            }
            case TokensPurchased purchased -> {
                if (purchased.tokens() > 0) {
                    b.purchases++;
                    b.tokens(tokens -> tokens.withLot(TokenLot.bought(purchased.lotKey(), purchased.productId(),
                            purchased.tokens())));
                }
                b.record(purchased.movementId(), "payment", purchased.tokens(), 0, "APPLIED");
            }
            case MomentPackPurchased purchased -> {
                long order = ++b.purchases;
                b.moments(moments -> moments.withPack(MomentPack.bought(purchased.packKey(),
                        purchased.productId(), purchased.moments(), purchased.momentSeconds(),
                        purchased.expiresAt(), order)));
                b.record(purchased.movementId(), "payment", purchased.moments(), 0, "APPLIED");
            }
            case PurchaseRefunded refunded -> {
                if (refunded.unit() == MeterUnit.TOKENS) {
                    b.tokens(tokens -> tokens.takenFromLot(refunded.purchaseKey(), refunded.removed()));
                } else if (refunded.unit() == MeterUnit.MOMENTS) {
                    b.moments(moments -> moments.usingPack(refunded.purchaseKey(), refunded.removed(), 0));
                }
                b.refunded().add(refunded.purchaseKey());
                b.record(refunded.movementId(), "payment", refunded.removed(), refunded.shortfall(), "APPLIED");
            }
            case SubscriptionUpdated updated -> {
                b.tiers(tiers -> tiers.withSubscription(updated.subscription()));
                b.record(updated.movementId(), "payment", 0, 0, "APPLIED");
            }
            case PaymentRecorded recorded -> b.record(recorded.movementId(), "payment", 0, 0,
                    recorded.outOfOrder() ? "OUT_OF_ORDER" : "APPLIED");
            case MomentsExpired expired -> b.moments(moments -> moments.usingPack(expired.packKey(),
                    expired.moments(), 0));
            case AllowanceDayStarted started -> {
                b.tiers(tiers -> tiers.dayStarted(started.day()));
                b.zone = started.day().zone();
                b.pendingZone = null;
            }
            case HoldPlaced placed -> {
                Hold hold = placed.hold();
                b.holds().put(hold.holdId(), hold);
                b.holding(hold, hold.held(), hold.moments(), 1);
                b.record(placed.movementId(), "hold", hold.held(), 0, null);
            }
            case HoldExtended extended -> {
                Hold hold = b.holds().get(extended.holdId());
                b.holds().put(hold.holdId(), hold.extended(extended.requestedSeconds(), extended.added(),
                        extended.coveredSeconds(), extended.addedMoments()));
                b.holding(hold, extended.added(), extended.addedMoments(), 1);
                b.record(extended.movementId(), "extend", extended.added(), 0, null);
            }
            case HoldCaptured captured -> {
                Hold hold = b.holds().remove(captured.holdId());
                b.holding(hold, -hold.held(), hold.moments(), -1);
                switch (hold.unit()) {
                    case TOKENS -> b.tokens(tokens -> tokens.drawn(captured.draws()));
                    case CALL_SECONDS -> b.tiers(tiers -> tiers.callsOn(hold.dayNumber(), captured.charged(), 0));
                    case MOMENTS -> captured.draws().forEach(draw -> b.moments(moments -> moments.usingPack(
                            draw.source(), draw.amount(), 0)));
                    case MESSAGES -> throw new AssertionError("holds never reserve messages");
                }
                b.tiers(Tiers::pruned);
                b.record(captured.movementId(), "capture", captured.charged(), captured.released(), null);
            }
            case HoldReleased released -> {
                Hold hold = b.holds().remove(released.holdId());
                b.holding(hold, -hold.held(), hold.moments(), -1);
                b.tiers(Tiers::pruned);
                b.record(released.movementId(), "release", 0, released.released(), null);
            }
            case MessageCharged charged -> {
                switch (charged.unit()) {
                    case TOKENS -> b.tokens(tokens -> tokens.drawn(charged.draws()));
                    case MESSAGES -> b.tiers(tiers -> tiers.messagesOn(charged.dayNumber(), charged.charged()));
                    case MOMENTS -> charged.draws().forEach(draw -> b.moments(moments -> moments.usingPack(
                            draw.source(), draw.amount(), 0)));
                    case CALL_SECONDS -> throw new AssertionError("messages are not charged in call seconds");
                }
                if (charged.window() != null) {
                    b.moments(moments -> moments.withWindow(charged.window()));
                }
                b.record(charged.movementId(), "message", charged.charged(), 0, null);
            }
            case WalletMigrated migrated -> {
                b.migrate(migrated);
                b.record(migrated.movementId(), "migration", migrated.unitsIn(), migrated.unitsOut(), null);
            }
        }
        return b.build();
    }

    /** One evolution step: the parts of an open wallet that an event changes, copied on first change only. */
    private static final class Step {
        private final Open from;
        private final boolean index;
        String zone;
        String pendingZone;
        VersionPart part;
        Tiers keptTiers;
        private Map<String, Hold> holds;
        private Set<String> refunded;
        private boolean holdsCopied;
        private boolean refundedCopied;
        private IdempotencyIndex<CarriedOut> recordedAfter;
        long movements;
        long purchases;

        Step(Open w, boolean index) {
            this.from = w;
            this.index = index;
            zone = w.zone();
            pendingZone = w.pendingZone();
            part = w.part();
            keptTiers = w.keptTiers();
            holds = w.holds();
            refunded = w.refunded();
            movements = w.movements();
            purchases = w.purchaseCount();
        }

        Map<String, Hold> holds() {
            if (!holdsCopied) {
                holdsCopied = true;
                holds = new HashMap<>(holds);
            }
            return holds;
        }

        Set<String> refunded() {
            if (!refundedCopied) {
                refundedCopied = true;
                refunded = new HashSet<>(refunded);
            }
            return refunded;
        }

        // each changes the part of its version only; an event of another version's unit leaves the part as it is
        void tokens(UnaryOperator<Tokens> change) {
            if (part instanceof Tokens tokens) {
                part = change.apply(tokens);
            }
        }

        void tiers(UnaryOperator<Tiers> change) {
            if (part instanceof Tiers tiers) {
                part = change.apply(tiers);
            }
        }

        void moments(UnaryOperator<Moments> change) {
            if (part instanceof Moments moments) {
                part = change.apply(moments);
            }
        }

        /** What {@code hold} reserves changes by {@code held} units and by {@code moments} times {@code sign}. */
        void holding(Hold hold, long held, List<HeldMoment> heldMoments, int sign) {
            if (hold.unit() == MeterUnit.CALL_SECONDS) {
                tiers(tiers -> tiers.callsOn(hold.dayNumber(), 0, held));
            }
            heldMoments.forEach(moment -> moments(moments -> moments.usingPack(moment.packKey(), 0, sign)));
        }

        /**
         * The old version's part leaves (V1 tokens and V3 moments were moved out as movements; a V2 part is kept
         * as it was, to be taken up again on a return to V2) and the new version's part arrives with what the
         * conversion brought, as one lot or pack.
         */
        void migrate(WalletMigrated migrated) {
            if (part instanceof Tiers tiers) {
                keptTiers = tiers;
            }
            part = migrated.to() == MonetizationVersion.V2_TIERS ? keptTiers : VersionPart.empty(migrated.to());
            if (migrated.to() == MonetizationVersion.V2_TIERS) {
                keptTiers = Tiers.NONE;
            }
            if (migrated.unitsIn() > 0 && migrated.to() == MonetizationVersion.V1_TOKENS) {
                purchases++;
                tokens(tokens -> tokens.withLot(TokenLot.bought(migrated.purchaseKey(),
                        "migration:" + migrated.ruleId(), migrated.unitsIn())));
            } else if (migrated.unitsIn() > 0 && migrated.to() == MonetizationVersion.V3_MOMENTS) {
                long order = ++purchases;
                moments(moments -> moments.withPack(MomentPack.bought(migrated.purchaseKey(),
                        "migration:" + migrated.ruleId(), migrated.unitsIn(), migrated.momentSeconds(),
                        migrated.expiresAt(), order)));
            }
        }

        /** Records what the event's command did under its movement id (not inside a decision: no index). */
        void record(String movementId, String kind, long amount, long released, String outcome) {
            if (index) {
                var recorded = from.recorded();
                recordedAfter = recorded.with(new CarriedOut(recorded.lastSequence() + 1, kind, amount,
                        released, outcome), movementId);
            }
        }

        Open build() {
            return new Open(from.memberId(), zone, pendingZone, part, keptTiers, holds, refunded, movements,
                    purchases, recordedAfter != null ? recordedAfter : from.recorded());
        }
    }
}
