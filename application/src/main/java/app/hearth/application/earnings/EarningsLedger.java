package app.hearth.application.earnings;

import app.hearth.domain.access.Actor;
import app.hearth.domain.earnings.ActivityKind;
import app.hearth.domain.earnings.EntryKind;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.jmolecules.architecture.hexagonal.PrimaryPort;

/**
 * The Earning Coins ledger as its users see it. Every movement is idempotent on a key its caller chooses (a
 * source reference, a moderation case, a penalty id, an idempotency key): a retry answers with the original entry.
 */
@PrimaryPort
public interface EarningsLedger {

    /** An activity to credit; {@code companionZone} and {@code trailingRatingHundredths} feed the multiplier. */
    record ActivityCredit(String companionId, String sourceReference, ActivityKind activity, long units,
                          Instant occurredAt, ZoneId companionZone, Integer trailingRatingHundredths,
                          String process) {
    }

    /** A page of entries, newest first; {@code nextCursor} is null on the last page. */
    record EntryPage(List<EarningsReadModel.Entry> items, String nextCursor) {
    }

    /** Which entries to list: kinds (empty for all), an occurred-at range (either end may be open), a page. */
    record EntryFilter(Set<EntryKind> kinds, Instant from, Instant to, String cursor, int limit) {
    }

    void open(Actor actor, String companionId);

    /** Credits an activity; called by Hearth's own processes (calls, chat), not by people. */
    EntryReceipt credit(ActivityCredit credit);

    EntryReceipt penalize(Actor actor, String companionId, String caseId, String policyCode);

    EntryReceipt reversePenalty(Actor actor, String companionId, String penaltyId, String reason);

    EntryReceipt correct(Actor actor, String companionId, String idempotencyKey, long coins, String reason);

    EarningsReadModel.Balance balance(Actor actor, String companionId);

    EntryPage entries(Actor actor, String companionId, EntryFilter filter);
}
