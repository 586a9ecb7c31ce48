package app.hearth.application.money.wallet;

import app.hearth.application.shared.Cursors;
import app.hearth.application.shared.Page;
import app.hearth.domain.access.Actor;
import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.wallet.ConversionRule;
import app.hearth.domain.money.wallet.Wallet;
import app.hearth.domain.money.wallet.WalletCommand;
import app.hearth.domain.money.wallet.WalletDecider;
import app.hearth.domain.money.wallet.WalletEvent;
import app.hearth.domain.money.wallet.WalletPermissions;
import app.hearth.domain.money.wallet.WalletReceipt;
import app.hearth.domain.money.wallet.WalletView;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The wallets' use cases: who asks is checked here, the rules are the decider's. */
public class WalletsService implements Wallets {

    private static final String CURSOR = "w";

    private final WalletAccess wallets;
    private final WalletCommandBus commands;
    private final WalletReadModel readModel;
    private final Clock clock;

    public WalletsService(WalletAccess wallets, WalletCommandBus commands, WalletReadModel readModel, Clock clock) {
        this.wallets = wallets;
        this.commands = commands;
        this.readModel = readModel;
        this.clock = clock;
    }

    @Override
    public void open(String memberId, Instant at) {
        wallets.open(memberId, at);
    }

    @Override
    public WalletView mine(Actor actor) {
        Instant now = clock.instant();
        wallets.syncTimeZone(actor.userId(), now);
        return WalletView.of(wallets.state(actor.userId(), now), now);
    }

    @Override
    public Page<WalletReadModel.MovementRow> myMovements(Actor actor, String cursor, int limit) {
        int size = Cursors.limit(limit);
        Long before = Cursors.decodeLong(CURSOR, cursor);
        var rows = readModel.movements(actor.userId(), before, size + 1);
        if (rows.size() <= size) {
            return new Page<>(rows, null);
        }
        List<WalletReadModel.MovementRow> page = rows.subList(0, size);
        return new Page<>(page, Cursors.encode(CURSOR, Long.toString(page.getLast().position())));
    }

    @Override
    public WalletReceipt grant(Actor actor, String memberId, String grantId, long tokens, String reason) {
        WalletPermissions.requireAdminister(actor);
        return wallets.send(new WalletCommand.GrantTokens(memberId, grantId, tokens, reason, actor.recorded(),
                clock.instant()));
    }

    @Override
    public MigrationReport migrate(Actor actor, String memberId, String migrationId, MonetizationVersion to,
                                   ConversionRule rule, boolean dryRun) {
        WalletPermissions.requireAdminister(actor);
        Instant now = clock.instant();
        var command = new WalletCommand.MigrateWallet(memberId, migrationId, to, rule, actor.recorded(), now);
        Wallet.Open before = wallets.state(memberId, now);
        // the decision on the state just read: what a dry run reports, and what the wallet is about to record
        List<WalletEvent> events = WalletDecider.decide(command, before);
        if (dryRun) {
            return new MigrationReport(memberId, before.version(), to, true, events.isEmpty(), events);
        }
        WalletReceipt receipt = wallets.send(command);
        return new MigrationReport(memberId, before.version(), to, false, receipt.alreadyRecorded(),
                receipt.alreadyRecorded() ? List.of() : events);
    }
}
