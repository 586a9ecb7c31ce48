package app.hearth.application.earnings;

import app.hearth.application.companions.CompanionRegistry;
import app.hearth.domain.access.Actor;
import app.hearth.domain.earnings.ActivityKind;
import app.hearth.domain.earnings.EarningsCommand;
import app.hearth.domain.earnings.EarningsDecider;
import app.hearth.domain.shared.RuleViolation;
import app.hearth.domain.shared.TransientConflict;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The one way Hearth's own processes (calls, chat) credit a companion's activity: the companion's earnings account
 * is opened on their first credit, and the multiplier's inputs (their time zone, their trailing rating) come from
 * their record. Idempotent on the source reference. Runs in the caller's transaction; when another transaction opens
 * the same account first, the caller's transaction is spoiled (its append failed) and a {@link TransientConflict}
 * asks the caller to run it again, whole.
 */
public class ActivityCredits {

    private final EarningsLedger earnings;
    private final EarningsCommandBus accounts;
    private final EarningsEventHistory history;
    private final CompanionRegistry companions;

    public ActivityCredits(EarningsLedger earnings, EarningsCommandBus accounts, EarningsEventHistory history,
                           CompanionRegistry companions) {
        this.earnings = earnings;
        this.accounts = accounts;
        this.history = history;
        this.companions = companions;
    }

    public EntryReceipt credit(String companionId, String sourceReference, ActivityKind activity, long units,
                               Instant occurredAt, String process) {
        openIfMissing(companionId, occurredAt, process);
        var companion = companions.find(companionId);
        ZoneId zone = companion.map(CompanionRegistry.Companion::profile).map(profile -> profile.timeZone())
                .orElse(null);
        Integer rating = companion.map(CompanionRegistry.Companion::rating)
                .map(value -> (int) Math.round(value * 100)).orElse(null);
        return earnings.credit(new EarningsLedger.ActivityCredit(companionId, sourceReference, activity, units,
                occurredAt, zone, rating, process));
    }

    /**
     * Opens the companion's earnings account when they have none yet (a penalty may come before their first credit);
     * a concurrent opening is a {@link TransientConflict} to retry.
     */
    public void openIfMissing(String companionId, Instant at, String process) {
        if (!history.exists(companionId)) {
            try {
                accounts.open(new EarningsCommand.OpenEarningsAccount(companionId, Actor.system(process), at));
            } catch (RuleViolation raced) {
                if (!raced.code().equals(EarningsDecider.ACCOUNT_ALREADY_OPEN)) {
                    throw raced;
                }
                throw new TransientConflict("the earnings account of companion " + companionId
                        + " was opened concurrently; retry", raced);
            }
        }
    }
}
