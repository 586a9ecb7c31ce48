package app.hearth.application.money.wallet;

import app.hearth.application.members.MemberProfiles;
import app.hearth.application.shared.RecentlySeen;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.wallet.Wallet;
import app.hearth.domain.money.wallet.WalletCommand;
import app.hearth.domain.money.wallet.WalletDecider;
import app.hearth.domain.money.wallet.WalletReceipt;
import app.hearth.domain.shared.RuleViolation;
import java.time.Instant;
import java.util.Optional;

/**
 * How every money use case reaches a wallet: opened on first use with the version for new members and the
 * member's time zone, and told of a new time zone in their profile (it takes effect at their next local midnight).
 */
public class WalletAccess {

    private static final String OPEN = "open";

    private final WalletCommandBus commands;
    private final WalletHistory history;
    private final MemberProfiles profiles;
    private final MonetizationVersion newMemberVersion;
    private final Transactions transactions;
    /** Wallets this node saw exist: a wallet is never removed, so it need not be looked up again. */
    private final RecentlySeen openWallets = new RecentlySeen(100_000);
    /** The profile zone change each wallet was last told of by this node: the same change need not be sent again. */
    private final RecentlySeen toldZones = new RecentlySeen(100_000);

    public WalletAccess(WalletCommandBus commands, WalletHistory history, MemberProfiles profiles,
                        MonetizationVersion newMemberVersion, Transactions transactions) {
        this.transactions = transactions;
        this.commands = commands;
        this.history = history;
        this.profiles = profiles;
        this.newMemberVersion = newMemberVersion;
    }

    public MonetizationVersion newMemberVersion() {
        return newMemberVersion;
    }

    /** Opens the wallet unless it is open. */
    public void open(String memberId, Instant at) {
        String zone = profiles.find(memberId).map(profile -> profile.profile().timeZone()).orElse("UTC");
        commands.open(new WalletCommand.OpenWallet(memberId, newMemberVersion, zone, at));
    }

    /** Sends {@code command}, opening the wallet first if the member has none yet (or it vanished by a race). */
    public WalletReceipt send(WalletCommand command) {
        String memberId = command.memberId();
        if (!openWallets.saw(memberId, OPEN)) {
            if (!history.exists(memberId)) {
                open(memberId, command.at());
            }
            transactions.afterCommit(() -> openWallets.see(memberId, OPEN));
        }
        try {
            return commands.send(command);
        } catch (RuleViolation violation) {
            if (!violation.code().equals(WalletDecider.WALLET_NOT_FOUND)) {
                throw violation;
            }
            openWallets.forget(memberId);
            open(memberId, command.at());
            return commands.send(command);
        }
    }

    /** The wallet as its events make it now, opened first if need be. */
    public Wallet.Open state(String memberId, Instant at) {
        Wallet state = history.current(memberId);
        if (state instanceof Wallet.Open open) {
            return open;
        }
        open(memberId, at);
        return (Wallet.Open) history.current(memberId);
    }

    /** Tells the wallet the zone of the member's profile, if it differs (nothing happens otherwise). */
    public void syncTimeZone(String memberId, Instant at) {
        Optional<MemberProfiles.TimeZoneSetting> setting = profiles.timeZone(memberId);
        if (setting.isEmpty()) {
            return;
        }
        String zone = setting.get().timeZone();
        String changeId = zone + "@" + setting.get().changedAt().toEpochMilli();
        if (toldZones.saw(memberId, changeId)) {
            return; // this node told the wallet of this very change: the command would change nothing
        }
        send(new WalletCommand.ChangeTimeZone(memberId, changeId, zone, at));
        transactions.afterCommit(() -> toldZones.see(memberId, changeId));
    }
}
