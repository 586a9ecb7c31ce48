package app.hearth.domain.money.wallet;

import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.catalog.TokenRates;
import app.hearth.domain.money.wallet.Wallet.Open;
import app.hearth.domain.money.wallet.WalletCommand.ChargeMessage;
import app.hearth.domain.money.wallet.WalletCommand.ExtendHold;
import app.hearth.domain.money.wallet.WalletCommand.GrantTokens;
import app.hearth.domain.money.wallet.WalletCommand.PlaceHold;
import app.hearth.domain.money.wallet.WalletEvent.HoldExtended;
import app.hearth.domain.money.wallet.WalletEvent.HoldPlaced;
import app.hearth.domain.money.wallet.WalletEvent.MessageCharged;
import app.hearth.domain.money.wallet.WalletEvent.TokensGranted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of V1 tokens: promotional grants; calls held and charged per started minute at the catalog rate in
 * force when the hold was placed; messages at a fixed rate; tokens spent granted first, then the oldest purchase's
 * ({@link #grantedFirstThenOldest}).
 */
final class TokenRules implements VersionRules {

    static final TokenRules RULES = new TokenRules();
    private static final long MINUTE = CallVerdict.MINUTE.toSeconds();

    private TokenRules() {
    }

    static void grant(GrantTokens grant, Draft draft) {
        Open wallet = draft.state();
        WalletDecider.requireVersion(wallet, MonetizationVersion.V1_TOKENS, "tokens are granted to V1 wallets only");
        draft.emit(new TokensGranted(wallet.memberId(), grant.movementId(), grant.tokens(), grant.reason(),
                grant.actor(), grant.at(), List.of(draft.movement(grant.movementId(), MovementKind.TOKENS_GRANTED,
                        MeterUnit.TOKENS, grant.tokens(), wallet.tokenBalance() + grant.tokens(),
                        "grant:" + grant.grantId(), grant.at()))));
    }

    @Override
    public boolean canStart(Open wallet, CallKind kind, TokenRates rates, Instant at) {
        return wallet.spendableTokens() >= kind.tokensPerMinute(rates);
    }

    /** Whole started minutes at the call's rate, as many as asked and as the spendable tokens pay for. */
    @Override
    public void placeHold(PlaceHold place, Draft draft) {
        Open wallet = draft.state();
        long rate = place.kind().tokensPerMinute(place.rates());
        long minutes = Math.min(Math.ceilDiv(place.seconds(), MINUTE), wallet.spendableTokens() / rate);
        NeverBelowZero.require(wallet, minutes, 1, "tokens for one minute of a " + place.kind() + " call");
        draft.emit(new HoldPlaced(wallet.memberId(), place.movementId(), Hold.ofTokens(place.holdId(), place.kind(),
                place.seconds(), minutes * rate, minutes * MINUTE, rate, place.at()), place.at()));
    }

    @Override
    public void extendHold(Hold hold, ExtendHold extend, Draft draft) {
        Open wallet = draft.state();
        long requested = hold.requestedSeconds() + extend.seconds();
        long heldMinutes = hold.coveredSeconds() / MINUTE;
        long missing = Math.max(0, Math.ceilDiv(requested, MINUTE) - heldMinutes);
        long added = Math.min(missing, wallet.spendableTokens() / hold.ratePerMinute());
        draft.emit(new HoldExtended(wallet.memberId(), extend.movementId(), hold.holdId(), requested,
                added * hold.ratePerMinute(), (heldMinutes + added) * MINUTE, List.of(), extend.at()));
    }

    /** The verdict's started minutes at the hold's rate. */
    @Override
    public Charge charge(Hold hold, CallVerdict verdict, Open wallet, Instant at) {
        long charged = verdict.startedMinutes() * hold.ratePerMinute();
        VersionRules.requireCovered(hold, charged <= hold.held(), verdict);
        return new Charge(charged, grantedFirstThenOldest(wallet, charged), wallet.tokenBalance() - charged);
    }

    @Override
    public void chargeMessage(ChargeMessage message, Draft draft) {
        Open wallet = draft.state();
        String id = message.movementId();
        long rate = message.tokensPerMessage();
        NeverBelowZero.require(wallet, wallet.spendableTokens(), rate, rate + " tokens for a message");
        List<Movement> movements = rate == 0 ? List.of() : List.of(draft.movement(id, MovementKind.MESSAGE_CHARGED,
                MeterUnit.TOKENS, -rate, wallet.tokenBalance() - rate, "message:" + message.messageId(),
                message.at()));
        draft.emit(new MessageCharged(wallet.memberId(), id, message.messageId(), message.companionId(),
                MeterUnit.TOKENS, rate, grantedFirstThenOldest(wallet, rate), null, 0, message.at(), movements));
    }

    /** Where {@code tokens} are taken from: granted tokens first, then paid tokens of the oldest purchase first. */
    static List<Draw> grantedFirstThenOldest(Open wallet, long tokens) {
        var draws = new ArrayList<Draw>();
        long left = tokens;
        long granted = Math.min(left, wallet.grantedTokens());
        if (granted > 0) {
            draws.add(Draw.granted(granted));
            left -= granted;
        }
        for (TokenLot lot : wallet.lots()) {
            if (left == 0) {
                break;
            }
            long take = Math.min(left, lot.remaining());
            if (take > 0) {
                draws.add(Draw.fromPurchase(lot.key(), take));
                left -= take;
            }
        }
        if (left > 0) {
            throw new IllegalStateException("drew " + tokens + " tokens from a balance of " + wallet.tokenBalance());
        }
        return draws;
    }
}
