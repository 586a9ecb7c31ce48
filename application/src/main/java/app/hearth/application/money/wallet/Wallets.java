package app.hearth.application.money.wallet;

import app.hearth.application.shared.Page;
import app.hearth.domain.access.Actor;
import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.wallet.ConversionRule;
import app.hearth.domain.money.wallet.WalletEvent;
import app.hearth.domain.money.wallet.WalletReceipt;
import app.hearth.domain.money.wallet.WalletView;
import java.time.Instant;
import java.util.List;
import org.jmolecules.architecture.hexagonal.PrimaryPort;

/**
 * Members' wallets: one per member, opened when they register (or on first use) with the version configured for
 * new members. A member sees only their own wallet.
 */
@PrimaryPort
public interface Wallets {

    /** What a migration did, or would do in a dry run: the events it records (both sides as movements). */
    record MigrationReport(String memberId, MonetizationVersion from, MonetizationVersion to, boolean dryRun,
                           boolean alreadyRecorded, List<WalletEvent> events) {
    }

    /** Opens {@code memberId}'s wallet on the version for new members; nothing when it is open already. */
    void open(String memberId, Instant at);

    /** The caller's own wallet now (opened on first use). */
    WalletView mine(Actor actor);

    /** The caller's own movements, newest first, cursor-paginated. */
    Page<WalletReadModel.MovementRow> myMovements(Actor actor, String cursor, int limit);

    /** Promotional tokens for a V1 member (admins), idempotent on {@code grantId}. */
    WalletReceipt grant(Actor actor, String memberId, String grantId, long tokens, String reason);

    /** Moves a member to another version by a published rule (admins); a dry run reports and records nothing. */
    MigrationReport migrate(Actor actor, String memberId, String migrationId, MonetizationVersion to,
                            ConversionRule rule, boolean dryRun);
}
