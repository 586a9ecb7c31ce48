package app.hearth.domain.earnings;

import app.hearth.domain.earnings.EarningsAccount.Open;
import app.hearth.domain.earnings.EarningsAccount.Unopened;
import app.hearth.domain.earnings.EarningsCommand.ApplyPenalty;
import app.hearth.domain.earnings.EarningsCommand.CorrectBalance;
import app.hearth.domain.earnings.EarningsCommand.CreditActivity;
import app.hearth.domain.earnings.EarningsCommand.OpenEarningsAccount;
import app.hearth.domain.earnings.EarningsCommand.ReversePenalty;
import app.hearth.domain.earnings.EarningsEvent.ActivityCredited;
import app.hearth.domain.earnings.EarningsEvent.BalanceCorrected;
import app.hearth.domain.earnings.EarningsEvent.EarningsAccountOpened;
import app.hearth.domain.earnings.EarningsEvent.EntryRecorded;
import app.hearth.domain.earnings.EarningsEvent.PenaltyApplied;
import app.hearth.domain.earnings.EarningsEvent.PenaltyReversed;
import app.hearth.domain.shared.IdempotencyIndex;
import app.hearth.domain.shared.RuleViolation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The rules of an earnings account as two pure functions: {@link #decide} turns a command and the current state
 * into the events that follow (none when the command was already carried out), and {@link #evolve} folds one
 * event into the state. Neither reads a clock nor makes an id; both are deterministic.
 *
 * <p>Invariants: coins are whole numbers; entries are never changed, only added; each entry's hash chains to the
 * previous one; a credit, a case's penalty, a penalty's reversal and a correction key each move coins at most once.
 */
public final class EarningsDecider {

    public static final String ACCOUNT_NOT_FOUND = "EARNINGS_ACCOUNT_NOT_FOUND";
    public static final String ACCOUNT_ALREADY_OPEN = "EARNINGS_ACCOUNT_ALREADY_OPEN";
    public static final String ENTRY_ID_REUSED = "ENTRY_ID_REUSED";
    public static final String SOURCE_ALREADY_CREDITED = "SOURCE_ALREADY_CREDITED_DIFFERENTLY";
    public static final String CASE_ALREADY_PENALIZED = "CASE_ALREADY_PENALIZED_DIFFERENTLY";
    public static final String PENALTY_NOT_FOUND = "PENALTY_NOT_FOUND";
    public static final String IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED";

    private EarningsDecider() {
    }

    public static EarningsAccount initialState() {
        return EarningsAccount.UNOPENED;
    }

    /** The events that {@code command} causes in {@code state}; empty when it was already carried out. */
    public static List<EarningsEvent> decide(EarningsCommand command, EarningsAccount state) {
        if (command instanceof OpenEarningsAccount open) {
            if (state instanceof Open) {
                throw RuleViolation.conflict(ACCOUNT_ALREADY_OPEN,
                        "the earnings account of companion " + open.companionId() + " is already open");
            }
            return List.of(new EarningsAccountOpened(open.companionId(), open.actor(), open.openedAt()));
        }
        if (!(state instanceof Open account)) {
            throw RuleViolation.notFound(ACCOUNT_NOT_FOUND,
                    "companion " + command.companionId() + " has no earnings account");
        }
        return switch (command) {
            case OpenEarningsAccount ignored -> throw new AssertionError("handled above");
            case CreditActivity credit -> credit(credit, account);
            case ApplyPenalty penalty -> penalize(penalty, account);
            case ReversePenalty reversal -> reverse(reversal, account);
            case CorrectBalance correction -> correct(correction, account);
        };
    }

    /** The state after {@code event}. */
    public static EarningsAccount evolve(EarningsAccount state, EarningsEvent event) {
        return switch (event) {
            case EarningsAccountOpened opened -> new Open(opened.companionId(), 0, 0, 0, 0, EntryHash.GENESIS,
                    IdempotencyIndex.none(Open.REMEMBERED_MOVEMENTS));
            case EntryRecorded recorded -> record((Open) state, recorded);
        };
    }

    /** Folds a whole history, from the initial state. */
    public static EarningsAccount replay(Iterable<? extends EarningsEvent> history) {
        EarningsAccount state = initialState();
        for (EarningsEvent event : history) {
            state = evolve(state, event);
        }
        return state;
    }

    /**
     * The keys {@code command} is decided on that {@code state} may have forgotten (ADR 0041): what caused it, its
     * entry id, and for a reversal the penalty's. Whoever runs the decider looks them up in the index of every
     * movement and hands what it found to {@link Open#recalling} before deciding; empty when nothing was forgotten.
     */
    public static List<String> keysToRecall(EarningsCommand command, EarningsAccount state) {
        if (!(state instanceof Open account)) {
            return List.of();
        }
        List<String> keys = switch (command) {
            case OpenEarningsAccount ignored -> List.of();
            case CreditActivity credit -> List.of(sourceKey(credit.sourceReference()), entryKey(credit.entryId()));
            case ApplyPenalty penalty -> List.of(caseKey(penalty.caseId()), entryKey(penalty.entryId()));
            case ReversePenalty reversal -> List.of(entryKey(reversal.penaltyId()), reversalKey(reversal.penaltyId()),
                    entryKey(reversal.entryId()));
            case CorrectBalance correction -> List.of(correctionKey(correction.idempotencyKey()),
                    entryKey(correction.entryId()));
        };
        return keys.stream().distinct().filter(account.movements()::mayHaveForgotten).toList();
    }

    /** {@code state}, also answering for forgotten movements an earlier look-up {@code found}. */
    public static EarningsAccount recalling(EarningsAccount state, java.util.Map<String, RecordedMovement> found) {
        return state instanceof Open open ? open.recalling(found) : state;
    }

    /** What was recorded between {@code before} and {@code after}, each under its keys: what to write down. */
    public static List<IdempotencyIndex.Entry<RecordedMovement>> recordedBetween(EarningsAccount before,
                                                                                 EarningsAccount after) {
        long since = before instanceof Open open ? open.movements().lastSequence() : 0;
        return after instanceof Open open ? open.movements().recordedAfter(since) : List.of();
    }

    /** The movement a command that was already carried out recorded, if any: what a retry answers with. */
    public static Optional<RecordedMovement> recordedMovement(EarningsCommand command, EarningsAccount state) {
        if (!(state instanceof Open account)) {
            return Optional.empty();
        }
        return switch (command) {
            case OpenEarningsAccount ignored -> Optional.empty();
            case CreditActivity credit -> account.movements().find(sourceKey(credit.sourceReference()));
            case ApplyPenalty penalty -> account.movements().find(caseKey(penalty.caseId()));
            case ReversePenalty reversal -> account.movements().find(reversalKey(reversal.penaltyId()));
            case CorrectBalance correction -> account.movements().find(correctionKey(correction.idempotencyKey()));
        };
    }

    private static List<EarningsEvent> credit(CreditActivity command, Open account) {
        long coins = command.coins();
        String fingerprint = creditFingerprint(command.activity(), command.units(), command.baseRate(), coins);
        if (alreadyRecorded(account, sourceKey(command.sourceReference()), fingerprint, SOURCE_ALREADY_CREDITED,
                "source " + command.sourceReference() + " was already credited with other values")) {
            return List.of();
        }
        requireFreshEntryId(account, command.entryId());
        AppliedMultiplier multiplier = command.multiplier();
        return List.of(recordEntry(account, draft(account, command.entryId(), EntryKind.ACTIVITY_CREDIT, coins,
                        command.activity().name(), command.sourceReference(), command.actor(),
                        multiplier.ruleVersion(), command.occurredAt()),
                entry -> new ActivityCredited(account.companionId(), entry, command.activity(), command.units(),
                        command.baseRate(), multiplier.basisPoints(), multiplier.rules())));
    }

    private static List<EarningsEvent> penalize(ApplyPenalty command, Open account) {
        String fingerprint = penaltyFingerprint(command.policyCode(), command.coins());
        if (alreadyRecorded(account, caseKey(command.caseId()), fingerprint, CASE_ALREADY_PENALIZED,
                "case " + command.caseId() + " already carries a different penalty")) {
            return List.of();
        }
        requireFreshEntryId(account, command.entryId());
        return List.of(recordEntry(account, draft(account, command.entryId(), EntryKind.PENALTY, -command.coins(),
                        command.policyCode(), "case:" + command.caseId(), command.actor(), null,
                        command.occurredAt()),
                entry -> new PenaltyApplied(account.companionId(), entry, command.caseId(), command.policyCode())));
    }

    private static List<EarningsEvent> reverse(ReversePenalty command, Open account) {
        RecordedMovement penalty = account.movements().find(entryKey(command.penaltyId()))
                .filter(movement -> movement.kind() == EntryKind.PENALTY)
                .orElseThrow(() -> RuleViolation.notFound(PENALTY_NOT_FOUND,
                        "companion " + account.companionId() + " has no penalty " + command.penaltyId()));
        if (account.movements().find(reversalKey(command.penaltyId())).isPresent()) {
            return List.of();
        }
        requireFreshEntryId(account, command.entryId());
        return List.of(recordEntry(account, draft(account, command.entryId(), EntryKind.PENALTY_REVERSAL,
                        -penalty.coins(), command.reason(), "penalty:" + command.penaltyId(), command.actor(), null,
                        command.occurredAt()),
                entry -> new PenaltyReversed(account.companionId(), entry, command.penaltyId())));
    }

    private static List<EarningsEvent> correct(CorrectBalance command, Open account) {
        String fingerprint = correctionFingerprint(command.coins(), command.reason());
        if (alreadyRecorded(account, correctionKey(command.idempotencyKey()), fingerprint, IDEMPOTENCY_KEY_REUSED,
                "idempotency key " + command.idempotencyKey() + " was already used for a different correction")) {
            return List.of();
        }
        requireFreshEntryId(account, command.entryId());
        return List.of(recordEntry(account, draft(account, command.entryId(), EntryKind.CORRECTION, command.coins(),
                        command.reason(), "idempotency-key:" + command.idempotencyKey(), command.actor(), null,
                        command.occurredAt()),
                entry -> new BalanceCorrected(account.companionId(), entry, command.idempotencyKey())));
    }

    private static boolean alreadyRecorded(Open account, String key, String fingerprint, String conflictCode,
                                           String conflictMessage) {
        Optional<RecordedMovement> earlier = account.movements().find(key);
        if (earlier.isEmpty()) {
            return false;
        }
        if (!earlier.get().fingerprint().equals(fingerprint)) {
            throw RuleViolation.conflict(conflictCode, conflictMessage);
        }
        return true;
    }

    private static void requireFreshEntryId(Open account, String entryId) {
        if (account.movements().find(entryKey(entryId)).isPresent()) {
            throw RuleViolation.conflict(ENTRY_ID_REUSED, "entry id " + entryId + " is already used in this account");
        }
    }

    private static LedgerEntry draft(Open account, String entryId, EntryKind kind, long coins, String reason,
                                     String reference, String actor, String ruleVersion, Instant occurredAt) {
        return new LedgerEntry(entryId, account.entryCount() + 1, kind, coins, Math.addExact(account.balance(), coins),
                reason, reference, actor, ruleVersion, occurredAt, account.lastHash(), null);
    }

    /** The event built by {@code event} around {@code draft}, once the draft carries its chained hash. */
    private static EarningsEvent recordEntry(Open account, LedgerEntry draft,
                                             Function<LedgerEntry, EntryRecorded> event) {
        String hash = EntryHash.of(account.companionId(), draft, event.apply(draft).hashedDetails());
        return event.apply(draft.withHash(hash));
    }

    private static Open record(Open account, EntryRecorded recorded) {
        LedgerEntry entry = recorded.entry();
        UnaryOperator<IdempotencyIndex<RecordedMovement>> index = switch (recorded) {
            case ActivityCredited credit -> movements -> movements.with(movement(entry, creditFingerprint(
                            credit.activity(), credit.units(), credit.baseRate(), entry.coins())),
                    entryKey(entry.entryId()), sourceKey(entry.reference()));
            case PenaltyApplied penalty -> movements -> movements.with(movement(entry,
                            penaltyFingerprint(penalty.policyCode(), -entry.coins())),
                    entryKey(entry.entryId()), caseKey(penalty.caseId()));
            case PenaltyReversed reversal -> movements -> movements.with(movement(entry, "reversal"),
                    entryKey(entry.entryId()), reversalKey(reversal.penaltyId()));
            case BalanceCorrected correction -> movements -> movements.with(movement(entry,
                            correctionFingerprint(entry.coins(), entry.reason())),
                    entryKey(entry.entryId()), correctionKey(correction.idempotencyKey()));
        };
        long earned = account.lifetimeEarned() + (entry.kind() == EntryKind.ACTIVITY_CREDIT ? entry.coins() : 0);
        long penalties = account.lifetimePenalties() + switch (entry.kind()) {
            case PENALTY, PENALTY_REVERSAL -> -entry.coins();
            default -> 0;
        };
        return new Open(account.companionId(), entry.balanceAfter(), earned, penalties, entry.position(),
                entry.hash(), index.apply(account.movements()));
    }

    private static RecordedMovement movement(LedgerEntry entry, String fingerprint) {
        return new RecordedMovement(entry.position(), entry.entryId(), entry.kind(), entry.coins(),
                entry.balanceAfter(), fingerprint);
    }

    private static String creditFingerprint(ActivityKind activity, long units, long baseRate, long coins) {
        return "credit|" + activity + "|" + units + "|" + baseRate + "|" + coins;
    }

    private static String penaltyFingerprint(String policyCode, long coins) {
        return "penalty|" + policyCode + "|" + coins;
    }

    private static String correctionFingerprint(long coins, String reason) {
        return "correction|" + coins + "|" + reason;
    }

    private static String entryKey(String entryId) {
        return "entry:" + entryId;
    }

    private static String sourceKey(String sourceReference) {
        return "source:" + sourceReference;
    }

    private static String caseKey(String caseId) {
        return "case:" + caseId;
    }

    private static String reversalKey(String penaltyId) {
        return "reversal:" + penaltyId;
    }

    private static String correctionKey(String idempotencyKey) {
        return "correction:" + idempotencyKey;
    }
}
