package app.hearth.application.money.metering;

import app.hearth.application.money.catalog.Catalogs;
import app.hearth.application.money.wallet.WalletAccess;
import app.hearth.domain.money.catalog.TokenRates;
import app.hearth.domain.money.wallet.CallKind;
import app.hearth.domain.money.wallet.CallVerdict;
import app.hearth.domain.money.wallet.WalletCommand;
import app.hearth.domain.money.wallet.WalletDecider;
import app.hearth.domain.money.wallet.WalletReceipt;
import java.time.Instant;

/**
 * Metering on the wallets: V1 prices come from the catalog in force when a hold is placed or a message sent; the
 * member's profile time zone is passed on before what counts against a V2 day.
 */
public class MeteringService implements Metering {

    private final WalletAccess wallets;
    private final Catalogs catalogs;

    public MeteringService(WalletAccess wallets, Catalogs catalogs) {
        this.wallets = wallets;
        this.catalogs = catalogs;
    }

    @Override
    public boolean canStart(String memberId, CallKind kind, Instant at) {
        return WalletDecider.canStart(wallets.state(memberId, at), kind, rates(), at);
    }

    @Override
    public HoldResult placeHold(String memberId, String holdId, CallKind kind, long seconds, Instant at) {
        wallets.syncTimeZone(memberId, at);
        return hold(wallets.send(new WalletCommand.PlaceHold(memberId, holdId, kind, seconds, rates(), at)));
    }

    @Override
    public HoldResult extendHold(String memberId, String holdId, String extensionId, long seconds, Instant at) {
        return hold(wallets.send(new WalletCommand.ExtendHold(memberId, holdId, extensionId, seconds, at)));
    }

    @Override
    public java.util.Optional<HoldResult> hold(String memberId, String holdId, Instant at) {
        return WalletDecider.hold(wallets.state(memberId, at), holdId).map(hold -> new HoldResult(hold.holdId(),
                hold.status(), hold.unit(), hold.held(), hold.coveredSeconds(), hold.charged(), hold.released(),
                true));
    }

    @Override
    public HoldResult captureHold(String memberId, String holdId, CallVerdict verdict, Instant at) {
        return hold(wallets.send(new WalletCommand.CaptureHold(memberId, holdId, verdict, at)));
    }

    @Override
    public HoldResult releaseHold(String memberId, String holdId, Instant at) {
        return hold(wallets.send(new WalletCommand.ReleaseHold(memberId, holdId, at)));
    }

    @Override
    public MessageCharge chargeMessage(String memberId, String messageId, String companionId, Instant at) {
        wallets.syncTimeZone(memberId, at);
        WalletReceipt receipt = wallets.send(new WalletCommand.ChargeMessage(memberId, messageId, companionId,
                rates().perChatMessage(), at));
        return new MessageCharge(messageId, receipt.amount(), receipt.alreadyRecorded());
    }

    private TokenRates rates() {
        return catalogs.current().catalog().tokenRates();
    }

    private static HoldResult hold(WalletReceipt receipt) {
        WalletReceipt.HoldState hold = receipt.hold();
        return new HoldResult(hold.holdId(), hold.status(), hold.unit(), hold.held(), hold.coveredSeconds(),
                hold.charged(), hold.released(), receipt.alreadyRecorded());
    }
}
