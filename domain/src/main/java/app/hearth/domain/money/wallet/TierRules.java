package app.hearth.domain.money.wallet;

import app.hearth.domain.money.catalog.TokenRates;
import app.hearth.domain.money.wallet.Wallet.Open;
import app.hearth.domain.money.wallet.WalletCommand.ChargeMessage;
import app.hearth.domain.money.wallet.WalletCommand.ExtendHold;
import app.hearth.domain.money.wallet.WalletCommand.PlaceHold;
import app.hearth.domain.money.wallet.WalletEvent.AllowanceDayStarted;
import app.hearth.domain.money.wallet.WalletEvent.HoldExtended;
import app.hearth.domain.money.wallet.WalletEvent.HoldPlaced;
import app.hearth.domain.money.wallet.WalletEvent.MessageCharged;
import java.time.Instant;
import java.util.List;

/**
 * The rules of V2 tiers: the best tier a subscription grants gives a daily allowance of call seconds and messages,
 * reset at local midnight ({@link #resetAtLocalMidnight}); a call counts against the day it started. Subscription
 * facts move the subscriptions ({@link Payments}).
 */
final class TierRules implements VersionRules {

    static final TierRules RULES = new TierRules();
    private static final long MINUTE = CallVerdict.MINUTE.toSeconds();

    private TierRules() {
    }

    /**
     * The local-midnight reset: the allowance day of {@code at}. A new day starts (an {@link AllowanceDayStarted}
     * with nothing used) at the first use after local midnight, in the member's zone then in force (a changed zone
     * takes effect here); the day before is kept only while a call of its holds seconds.
     */
    static AllowanceDay resetAtLocalMidnight(Instant at, Draft draft) {
        Open wallet = draft.state();
        AllowanceDay day = wallet.dayAt(at);
        if (wallet.currentDay().filter(current -> current.number() == day.number()).isEmpty()) {
            draft.emit(new AllowanceDayStarted(wallet.memberId(), day, at));
        }
        return draft.state().currentDay().orElseThrow();
    }

    @Override
    public boolean canStart(Open wallet, CallKind kind, TokenRates rates, Instant at) {
        return wallet.callSecondsLeft(wallet.dayAt(at), at) >= MINUTE;
    }

    /** As many of the seconds asked as today's allowance has left, at least 60. */
    @Override
    public void placeHold(PlaceHold place, Draft draft) {
        Open wallet = draft.state();
        AllowanceDay day = resetAtLocalMidnight(place.at(), draft);
        long left = draft.state().callSecondsLeft(day, place.at());
        NeverBelowZero.require(wallet, left, MINUTE, "60 seconds of today's call allowance");
        draft.emit(new HoldPlaced(wallet.memberId(), place.movementId(), Hold.ofCallSeconds(place.holdId(),
                place.kind(), place.seconds(), Math.min(place.seconds(), left), day.number(), place.at()),
                place.at()));
    }

    /** A call counts against the day it started, even after local midnight. */
    @Override
    public void extendHold(Hold hold, ExtendHold extend, Draft draft) {
        Open wallet = draft.state();
        long requested = hold.requestedSeconds() + extend.seconds();
        AllowanceDay day = wallet.day(hold.dayNumber()).orElseThrow();
        long missing = Math.max(0, requested - hold.coveredSeconds());
        long added = Math.min(missing, wallet.callSecondsLeft(day, extend.at()));
        draft.emit(new HoldExtended(wallet.memberId(), extend.movementId(), hold.holdId(), requested, added,
                hold.coveredSeconds() + added, List.of(), extend.at()));
    }

    /** The verdict's billable seconds, of the allowance of the day the call started. */
    @Override
    public Charge charge(Hold hold, CallVerdict verdict, Open wallet, Instant at) {
        long charged = verdict.billableSeconds();
        VersionRules.requireCovered(hold, charged <= hold.held(), verdict);
        AllowanceDay day = wallet.day(hold.dayNumber()).orElseThrow();
        return new Charge(charged, List.of(), Math.max(0, wallet.dailyCallSecondsAt(at) - day.callSecondsUsed()
                - charged - (day.callSecondsHeld() - hold.held())));
    }

    /** One message of today's allowance. */
    @Override
    public void chargeMessage(ChargeMessage message, Draft draft) {
        Open wallet = draft.state();
        String id = message.movementId();
        AllowanceDay day = resetAtLocalMidnight(message.at(), draft);
        long left = draft.state().messagesLeft(day, message.at());
        NeverBelowZero.require(wallet, left, 1, "a message left in today's allowance");
        draft.emit(new MessageCharged(wallet.memberId(), id, message.messageId(), message.companionId(),
                MeterUnit.MESSAGES, 1, List.of(), null, day.number(), message.at(), List.of(draft.movement(id,
                        MovementKind.MESSAGE_CHARGED, MeterUnit.MESSAGES, -1, left - 1,
                        "message:" + message.messageId(), message.at()))));
    }
}
