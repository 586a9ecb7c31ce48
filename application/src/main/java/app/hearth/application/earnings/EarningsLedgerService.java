package app.hearth.application.earnings;

import app.hearth.application.access.TeamDirectory;
import app.hearth.application.shared.Cursors;
import app.hearth.domain.access.Actor;
import app.hearth.domain.earnings.AppliedMultiplier;
import app.hearth.domain.earnings.CreditContext;
import app.hearth.domain.earnings.EarningsCommand;
import app.hearth.domain.earnings.EarningsDecider;
import app.hearth.domain.earnings.EarningsPermissions;
import app.hearth.domain.shared.RuleViolation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The ledger's use cases: checks who asks, resolves policies, and hands pure commands to the accounts. */
public class EarningsLedgerService implements EarningsLedger {

    private static final String CURSOR = "p";

    private final EarningsCommandBus commands;
    private final EarningsReadModel readModel;
    private final EarningsPolicies policies;
    private final TeamDirectory teams;
    private final Clock clock;

    public EarningsLedgerService(EarningsCommandBus commands, EarningsReadModel readModel,
                                 EarningsPolicies policies, TeamDirectory teams, Clock clock) {
        this.commands = commands;
        this.teams = teams;
        this.readModel = readModel;
        this.policies = policies;
        this.clock = clock;
    }

    @Override
    public void open(Actor actor, String companionId) {
        EarningsPermissions.requireAdminister(actor);
        commands.open(new EarningsCommand.OpenEarningsAccount(companionId, actor.recorded(), clock.instant()));
    }

    @Override
    public EntryReceipt credit(ActivityCredit credit) {
        RuleViolation.require(credit.occurredAt(), "occurredAt");
        RuleViolation.require(credit.activity(), "activity");
        var context = new CreditContext(credit.occurredAt(),
                credit.companionZone() == null ? ZoneOffset.UTC : credit.companionZone(),
                credit.trailingRatingHundredths());
        AppliedMultiplier multiplier = policies.multiplierRules().multiplierFor(context);
        long baseRate = policies.activityRates().rateOf(credit.activity());
        String entryId = entryId("credit", credit.companionId(), credit.sourceReference(), "sourceReference");
        return commands.record(new EarningsCommand.CreditActivity(credit.companionId(), entryId,
                credit.sourceReference(), credit.activity(), credit.units(), baseRate, multiplier,
                Actor.system(credit.process()), credit.occurredAt()));
    }

    @Override
    public EntryReceipt penalize(Actor actor, String companionId, String caseId, String policyCode) {
        EarningsPermissions.requirePenalize(actor, companionId, teams.supervisorOf(companionId));
        long coins = policies.penaltyTable().coinsFor(policyCode);
        String entryId = entryId("penalty", companionId, caseId, "caseId");
        return commands.record(new EarningsCommand.ApplyPenalty(companionId, entryId, caseId, policyCode, coins,
                actor.recorded(), clock.instant()));
    }

    @Override
    public EntryReceipt reversePenalty(Actor actor, String companionId, String penaltyId, String reason) {
        EarningsPermissions.requirePenalize(actor, companionId, teams.supervisorOf(companionId));
        String entryId = entryId("reversal", companionId, penaltyId, "penaltyId");
        return commands.record(new EarningsCommand.ReversePenalty(companionId, entryId, penaltyId, reason,
                actor.recorded(), clock.instant()));
    }

    @Override
    public EntryReceipt correct(Actor actor, String companionId, String idempotencyKey, long coins, String reason) {
        EarningsPermissions.requireAdminister(actor);
        String entryId = entryId("correction", companionId, idempotencyKey, "idempotencyKey");
        return commands.record(new EarningsCommand.CorrectBalance(companionId, entryId, idempotencyKey, coins, reason,
                actor.recorded(), clock.instant()));
    }

    @Override
    public EarningsReadModel.Balance balance(Actor actor, String companionId) {
        EarningsPermissions.requireRead(actor, companionId, teams.supervisorOf(companionId));
        return readModel.balance(companionId).orElseThrow(() -> RuleViolation.notFound(
                EarningsDecider.ACCOUNT_NOT_FOUND, "companion " + companionId + " has no earnings account"));
    }

    @Override
    public EntryPage entries(Actor actor, String companionId, EntryFilter filter) {
        balance(actor, companionId);
        int limit = Cursors.limit(filter.limit());
        if (filter.from() != null && filter.to() != null && !filter.from().isBefore(filter.to())) {
            throw RuleViolation.invalid("EMPTY_TIME_RANGE", "from", "from must be before to");
        }
        Long before = Cursors.decodeLong(CURSOR, filter.cursor());
        var items = readModel.entries(companionId, new EarningsReadModel.EntryQuery(
                filter.kinds() == null ? Set.of() : filter.kinds(), filter.from(), filter.to(), before, limit + 1));
        if (items.size() <= limit) {
            return new EntryPage(items, null);
        }
        List<EarningsReadModel.Entry> page = items.subList(0, limit);
        return new EntryPage(List.copyOf(page), Cursors.encode(CURSOR, Long.toString(page.getLast().position())));
    }

    /**
     * The entry id of a movement, derived from the key its caller chose: the same request always names the
     * same entry, so a retry can never add a second one.
     */
    static String entryId(String kind, String companionId, String key, String keyField) {
        RuleViolation.requireText(companionId, "companionId");
        RuleViolation.requireText(key, keyField);
        return UUID.nameUUIDFromBytes((kind + "\n" + companionId + "\n" + key).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
