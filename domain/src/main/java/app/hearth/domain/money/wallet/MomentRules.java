package app.hearth.domain.money.wallet;

import app.hearth.domain.money.catalog.TokenRates;
import app.hearth.domain.money.wallet.Wallet.Open;
import app.hearth.domain.money.wallet.WalletCommand.ChargeMessage;
import app.hearth.domain.money.wallet.WalletCommand.ExtendHold;
import app.hearth.domain.money.wallet.WalletCommand.PlaceHold;
import app.hearth.domain.money.wallet.WalletEvent.HoldExtended;
import app.hearth.domain.money.wallet.WalletEvent.HoldPlaced;
import app.hearth.domain.money.wallet.WalletEvent.MessageCharged;
import app.hearth.domain.money.wallet.WalletEvent.MomentsExpired;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The rules of V3 moments: a moment covers one call of up to its length (a longer call takes one more moment per
 * further block) or opens a 24-hour chat window with one companion; the pack that expires first is used first
 * ({@link #EXPIRING_FIRST}); expired packs are swept out of the balance ({@link #sweepExpired}).
 */
final class MomentRules implements VersionRules {

    static final MomentRules RULES = new MomentRules();

    /** The pack that expires first is used first; packs expiring together in purchase order. */
    static final Comparator<MomentPack> EXPIRING_FIRST = Comparator.comparing(MomentPack::expiresAt)
            .thenComparingLong(MomentPack::order);

    private MomentRules() {
    }

    /** Free, usable moments that cover {@code seconds}, from the pack expiring first; fewer when they run out. */
    static List<HeldMoment> fromPacksExpiringFirst(Open wallet, long seconds, Instant at) {
        var picked = new ArrayList<HeldMoment>();
        long covered = 0;
        var packs = wallet.packs().stream().filter(pack -> pack.usableAt(at) && pack.free() > 0)
                .sorted(EXPIRING_FIRST).toList();
        for (MomentPack pack : packs) {
            for (long i = 0; i < pack.free() && covered < seconds; i++) {
                picked.add(new HeldMoment(pack.key(), pack.momentSeconds()));
                covered += pack.momentSeconds();
            }
            if (covered >= seconds) {
                break;
            }
        }
        return picked;
    }

    /** Sweeps the free moments of packs expired at {@code at} out of the balance, one movement per pack. */
    static void sweepExpired(Instant at, Draft draft) {
        Open wallet = draft.state();
        for (MomentPack pack : wallet.packs()) {
            if (!pack.usableAt(at) && pack.free() > 0) {
                long moments = pack.free();
                Open now = draft.state();
                draft.emit(new MomentsExpired(now.memberId(), pack.key(), moments, at, List.of(draft.movement(
                        "expiry:" + pack.key() + ":" + (now.movements() + 1), MovementKind.MOMENTS_EXPIRED,
                        MeterUnit.MOMENTS, -moments, now.momentBalance() - moments, "pack:" + pack.key(), at))));
            }
        }
    }

    @Override
    public boolean canStart(Open wallet, CallKind kind, TokenRates rates, Instant at) {
        return wallet.usableMoments(at) >= 1;
    }

    /** Moments that cover the seconds asked, as many as are usable, at least one. */
    @Override
    public void placeHold(PlaceHold place, Draft draft) {
        Open wallet = draft.state();
        sweepExpired(place.at(), draft);
        List<HeldMoment> moments = fromPacksExpiringFirst(draft.state(), place.seconds(), place.at());
        NeverBelowZero.require(wallet, moments.size(), 1, "a usable moment");
        draft.emit(new HoldPlaced(wallet.memberId(), place.movementId(), Hold.ofMoments(place.holdId(),
                place.kind(), place.seconds(), moments, place.at()), place.at()));
    }

    @Override
    public void extendHold(Hold hold, ExtendHold extend, Draft draft) {
        Open wallet = draft.state();
        long requested = hold.requestedSeconds() + extend.seconds();
        sweepExpired(extend.at(), draft);
        long missing = Math.max(0, requested - hold.coveredSeconds());
        List<HeldMoment> moments = missing == 0 ? List.of()
                : fromPacksExpiringFirst(draft.state(), missing, extend.at());
        draft.emit(new HoldExtended(wallet.memberId(), extend.movementId(), hold.holdId(), requested,
                moments.size(), hold.coveredSeconds() + HeldMoment.covered(moments), moments, extend.at()));
    }

    /** The held moments, first held first, that cover the verdict's billable seconds. */
    @Override
    public Charge charge(Hold hold, CallVerdict verdict, Open wallet, Instant at) {
        long moments = 0;
        long covered = 0;
        if (verdict.charges()) {
            for (HeldMoment moment : hold.moments()) {
                if (covered >= verdict.billableSeconds()) {
                    break;
                }
                covered += moment.lengthSeconds();
                moments++;
            }
            VersionRules.requireCovered(hold, covered >= verdict.billableSeconds(), verdict);
        }
        var byPack = new LinkedHashMap<String, Long>();
        hold.moments().stream().limit(moments).forEach(moment -> byPack.merge(moment.packKey(), 1L, Long::sum));
        List<Draw> draws = byPack.entrySet().stream()
                .map(entry -> Draw.fromPurchase(entry.getKey(), entry.getValue())).toList();
        return new Charge(moments, draws, wallet.momentBalance() - moments);
    }

    /** Free while the companion's chat window is open; otherwise one moment opens a new window. */
    @Override
    public void chargeMessage(ChargeMessage message, Draft draft) {
        Open wallet = draft.state();
        String id = message.movementId();
        ChatWindow window = wallet.moments().chatWindows().get(message.companionId());
        if (window != null && window.openAt(message.at())) {
            draft.emit(new MessageCharged(wallet.memberId(), id, message.messageId(), message.companionId(),
                    MeterUnit.MOMENTS, 0, List.of(), null, 0, message.at(), List.of()));
            return;
        }
        sweepExpired(message.at(), draft);
        List<HeldMoment> moment = fromPacksExpiringFirst(draft.state(), 1, message.at());
        NeverBelowZero.require(wallet, moment.size(), 1, "a usable moment to open a chat window");
        Open current = draft.state();
        draft.emit(new MessageCharged(wallet.memberId(), id, message.messageId(), message.companionId(),
                MeterUnit.MOMENTS, 1, List.of(Draw.fromPurchase(moment.getFirst().packKey(), 1)),
                ChatWindow.openedAt(message.companionId(), message.at()), 0, message.at(), List.of(draft.movement(id,
                        MovementKind.MESSAGE_CHARGED, MeterUnit.MOMENTS, -1, current.momentBalance() - 1,
                        "message:" + message.messageId(), message.at()))));
    }
}
