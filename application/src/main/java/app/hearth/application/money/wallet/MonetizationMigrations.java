package app.hearth.application.money.wallet;

import app.hearth.domain.access.Actor;
import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.wallet.ConversionRule;
import app.hearth.domain.money.wallet.WalletEvent;
import app.hearth.domain.money.wallet.WalletPermissions;
import app.hearth.domain.shared.RuleViolation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Moves one member or a cohort from one monetization version to another by a published conversion rule
 * (semantics.md "Migrations between versions"). Each member's migration is its own idempotent movement, keyed by
 * the migration id and the member; a member not on {@code from} is skipped, a refusal is reported and the run
 * goes on. A dry run reports per member what would change and records nothing.
 */
public class MonetizationMigrations {

    public static final int LARGEST_COHORT = 500;
    private static final System.Logger log = System.getLogger(MonetizationMigrations.class.getName());

    /** What became, or would become, of one member. */
    public enum Status { WOULD_MIGRATE, MIGRATED, ALREADY_MIGRATED, SKIPPED, REFUSED }

    /** One member's line of the report; {@code events} are both sides of the conversion as movements. */
    public record MemberResult(String memberId, MonetizationVersion from, Status status, String reason,
                               List<WalletEvent> events) {
    }

    /** A migration request for a cohort (one member is a cohort of one). */
    public record Migration(String migrationId, List<String> memberIds, MonetizationVersion from,
                            MonetizationVersion to, ConversionRule rule, boolean dryRun) {
        public Migration {
            RuleViolation.requireText(migrationId, "migrationId");
            RuleViolation.require(from, "from");
            RuleViolation.require(to, "to");
            RuleViolation.require(rule, "rule");
            if (memberIds == null || memberIds.isEmpty() || memberIds.size() > LARGEST_COHORT) {
                throw RuleViolation.invalid("INVALID_COHORT", "memberIds", "a migration names 1 to "
                        + LARGEST_COHORT + " members");
            }
            if (from == to) {
                throw RuleViolation.invalid("MIGRATION_TO_SAME_VERSION", "to", "from and to are the same version");
            }
            memberIds = List.copyOf(new LinkedHashSet<>(memberIds));
        }
    }

    private final Wallets wallets;
    private final WalletAccess access;
    private final java.time.Clock clock;

    public MonetizationMigrations(Wallets wallets, WalletAccess access, java.time.Clock clock) {
        this.wallets = wallets;
        this.access = access;
        this.clock = clock;
    }

    public List<MemberResult> run(Actor actor, Migration migration) {
        WalletPermissions.requireAdminister(actor);
        var results = new ArrayList<MemberResult>();
        for (String memberId : migration.memberIds()) {
            results.add(one(actor, migration, memberId));
        }
        log.log(System.Logger.Level.INFO, "migration {0} ({1} -> {2}, dry run {3}) by {4}: {5} member(s)",
                migration.migrationId(), migration.from().code(), migration.to().code(), migration.dryRun(),
                actor.recorded(), results.size());
        return results;
    }

    private MemberResult one(Actor actor, Migration migration, String memberId) {
        try {
            MonetizationVersion current = access.state(memberId, clock.instant()).version();
            if (current != migration.from()) {
                boolean done = current == migration.to();
                return new MemberResult(memberId, current, done ? Status.ALREADY_MIGRATED : Status.SKIPPED,
                        done ? null : "the wallet is on " + current.code() + ", not " + migration.from().code(),
                        List.of());
            }
            var report = wallets.migrate(actor, memberId, migration.migrationId() + ":" + memberId, migration.to(),
                    migration.rule(), migration.dryRun());
            Status status = migration.dryRun() ? Status.WOULD_MIGRATE
                    : report.alreadyRecorded() ? Status.ALREADY_MIGRATED : Status.MIGRATED;
            return new MemberResult(memberId, report.from(), status, null, report.events());
        } catch (RuleViolation refused) {
            return new MemberResult(memberId, null, Status.REFUSED, refused.code() + ": " + refused.getMessage(),
                    List.of());
        }
    }
}
