package app.hearth.adapters.money.wallet.web;

import app.hearth.application.money.wallet.MonetizationMigrations;
import app.hearth.domain.access.Actor;
import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.wallet.ConversionRule;
import app.hearth.domain.shared.RuleViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Migrations of members between monetization versions, with a dry run. */
@RestController
@Tag(name = "Money", description = "Catalog, wallets and migrations between monetization versions")
public class MigrationsController {

    public static final String MIGRATIONS = "/api/v1/admin/monetization-migrations";

    /** The published conversion rule: {@code fromUnits} old units become {@code toUnits} new ones. */
    public record RuleBody(String ruleId, Long fromUnits, Long toUnits, Long momentMinutes, Long validForDays) {
    }

    /** A migration of one member or a cohort; repeat it with the same id and nothing moves twice. */
    public record MigrationRequest(String migrationId, List<String> memberIds, String from, String to, RuleBody rule,
                                   Boolean dryRun) {
    }

    /** One event of a member's conversion: its stored type and what it says. */
    public record MovementBody(String kind, String detail) {
    }

    /** One member's line. */
    public record MemberLine(String memberId, String from, String status, String reason,
                             List<MovementBody> movements) {
    }

    /** The report, one line per member. */
    public record MigrationResponse(String migrationId, boolean dryRun, String from, String to,
                                    List<MemberLine> members) {
    }

    private final MonetizationMigrations migrations;

    public MigrationsController(MonetizationMigrations migrations) {
        this.migrations = migrations;
    }

    @PostMapping(MIGRATIONS)
    @Operation(operationId = "migrateMonetization",
            summary = "Migrate one member or a cohort (up to 500) between monetization versions by a conversion "
            + "rule; dryRun=true reports per member what would change and moves nothing (admin, superadmin)")
    public MigrationResponse migrate(@Parameter(hidden = true) Actor actor, @RequestBody MigrationRequest request) {
        RuleBody rule = RuleViolation.require(request.rule(), "rule");
        var migration = new MonetizationMigrations.Migration(request.migrationId(), request.memberIds(),
                version(request.from(), "from"), version(request.to(), "to"),
                new ConversionRule(rule.ruleId(), RuleViolation.require(rule.fromUnits(), "rule.fromUnits"),
                        RuleViolation.require(rule.toUnits(), "rule.toUnits"),
                        rule.momentMinutes() == null ? 0 : rule.momentMinutes() * 60,
                        rule.validForDays() == null ? 0 : rule.validForDays() * 86_400),
                !Boolean.FALSE.equals(request.dryRun()));
        var lines = migrations.run(actor, migration).stream().map(result -> new MemberLine(result.memberId(),
                result.from() == null ? null : result.from().code(), result.status().name().toLowerCase(Locale.ROOT),
                result.reason(), result.events().stream()
                        .map(event -> new MovementBody(event.getClass().getSimpleName(), event.toString())).toList()))
                .toList();
        return new MigrationResponse(migration.migrationId(), migration.dryRun(), migration.from().code(),
                migration.to().code(), lines);
    }

    private static MonetizationVersion version(String code, String field) {
        return MonetizationVersion.ofCode(RuleViolation.requireText(code, field)).orElseThrow(() ->
                RuleViolation.invalid("UNKNOWN_VERSION", field, "a version is v1, v2 or v3"));
    }
}
