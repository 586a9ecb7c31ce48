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
import app.hearth.domain.shared.TransientConflict;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The wallets' use cases: who asks is checked here, the rules are the decider's. */
public class WalletsService implements Wallets {

    private static final String CURSOR = "w";

    private final WalletAccess wallets;
    private final WalletCommandBus commands;
    private final WalletReadModel readModel;
    private final WalletViews views;
    private final Clock clock;

    public WalletsService(WalletAccess wallets, WalletCommandBus commands, WalletReadModel readModel,
                          WalletViews views, Clock clock) {
        this.wallets = wallets;
        this.commands = commands;
        this.readModel = readModel;
        this.views = views;
        this.clock = clock;
    }

    @Override
    public void open(String memberId, Instant at) {
        wallets.open(memberId, at);
    }

    /**
     * Two steps: the writes a first use needs (the profile's new time zone told to the wallet, a command only when it
     * changed; the wallet opened when the read model has none), then the query, which reads the read model only
     * ({@link WalletViews}, ADR 0048).
     */
    @Override
    public WalletView mine(Actor actor) {
        String memberId = actor.userId();
        wallets.syncTimeZone(memberId, clock.instant());
        Optional<WalletView> view = views.current(memberId, -1);
        if (view.isEmpty()) {
            // first use, or a wallet the projection has not seen yet: opening an open wallet records nothing
            wallets.open(memberId, clock.instant());
            view = views.current(memberId, 0);
        }
        return view.orElseThrow(() -> new TransientConflict("the wallet of member " + memberId
                + " is not in the read model yet; retry the request"));
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
