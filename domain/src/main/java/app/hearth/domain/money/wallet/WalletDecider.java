package app.hearth.domain.money.wallet;

import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.catalog.TokenRates;
import app.hearth.domain.money.wallet.VersionPart.Moments;
import app.hearth.domain.money.wallet.VersionPart.Tiers;
import app.hearth.domain.money.wallet.VersionPart.Tokens;
import app.hearth.domain.money.wallet.Wallet.Open;
import app.hearth.domain.money.wallet.WalletCommand.ApplyPayment;
import app.hearth.domain.money.wallet.WalletCommand.CaptureHold;
import app.hearth.domain.money.wallet.WalletCommand.ChangeTimeZone;
import app.hearth.domain.money.wallet.WalletCommand.ChargeMessage;
import app.hearth.domain.money.wallet.WalletCommand.ExtendHold;
import app.hearth.domain.money.wallet.WalletCommand.GrantTokens;
import app.hearth.domain.money.wallet.WalletCommand.MigrateWallet;
import app.hearth.domain.money.wallet.WalletCommand.OpenWallet;
import app.hearth.domain.money.wallet.WalletCommand.PlaceHold;
import app.hearth.domain.money.wallet.WalletCommand.ReleaseHold;
import app.hearth.domain.money.wallet.WalletEvent.HoldCaptured;
import app.hearth.domain.money.wallet.WalletEvent.HoldReleased;
import app.hearth.domain.money.wallet.WalletEvent.TimeZoneChanged;
import app.hearth.domain.money.wallet.WalletEvent.WalletMigrated;
import app.hearth.domain.money.wallet.WalletEvent.WalletOpened;
import app.hearth.domain.shared.IdempotencyIndex;
import app.hearth.domain.shared.RuleViolation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of a member's wallet as two pure functions: {@link #decide} turns a command and the current state into
 * the events that follow (none when the command's movement id was carried out before), and {@link #evolve} folds
 * one event into the state. Neither reads a clock nor makes an id.
 *
 * <p>This class holds what every version shares (opening, time zones, holds by id, migrations, receipts, parking a
 * payment fact) and asks the rules of the wallet's version for the rest: {@link TokenRules} (V1), {@link TierRules}
 * (V2), {@link MomentRules} (V3); payment facts are {@link Payments}. The rules a newcomer looks for:
 * {@link NeverBelowZero}, {@link TierRules#resetAtLocalMidnight}, {@link MomentRules#EXPIRING_FIRST} and the short
 * call in {@link CallVerdict}.
 *
 * <p>Invariants: no balance below zero; held units never exceed the balance and are spendable by nothing else;
 * every unit that moves is a {@link Movement}, so the movements of a unit sum to its balance; one movement id has
 * the effect of one.
 */
public final class WalletDecider {

    public static final String WALLET_NOT_FOUND = "WALLET_NOT_FOUND";
    public static final String INSUFFICIENT_BALANCE = "INSUFFICIENT_BALANCE";
    public static final String WRONG_VERSION = "WRONG_WALLET_VERSION";
    public static final String PRODUCT_UNKNOWN = "PRODUCT_UNKNOWN";
    public static final String PRODUCT_OF_ANOTHER_VERSION = "PRODUCT_OF_ANOTHER_VERSION";
    public static final String HOLD_NOT_FOUND = "HOLD_NOT_FOUND";
    public static final String HOLD_CLOSED = "HOLD_CLOSED";
    public static final String MIGRATION_TO_SAME_VERSION = "MIGRATION_TO_SAME_VERSION";
    public static final String HOLDS_OPEN = "HOLDS_OPEN";
    public static final String PAYMENT_NOT_UNDERSTOOD = "PAYMENT_NOT_UNDERSTOOD";
    /** A call's verdict bills more than its hold covers: the call and the wallet disagree (ADR 0030). */
    public static final String VERDICT_BEYOND_HOLD = "VERDICT_BEYOND_HOLD";

    /** Refusals of a payment fact that park it for review, never drop it ({@link #decision}). */
    public static final Set<String> PARKING_CODES = Payments.PARKING_CODES;

    private WalletDecider() {
    }

    public static Wallet initialState() {
        return Wallet.UNOPENED;
    }

    /** The events that {@code command} causes in {@code state}; empty when its movement id was carried out. */
    public static List<WalletEvent> decide(WalletCommand command, Wallet state) {
        if (command instanceof OpenWallet open) {
            return state instanceof Open ? List.of()
                    : List.of(new WalletOpened(open.memberId(), open.version(), open.zone(), open.at()));
        }
        Open wallet = requireOpen(state, command.memberId());
        if (wallet.recorded().contains(command.movementId())) {
            return List.of();
        }
        var draft = new Draft(wallet);
        switch (command) {
            case OpenWallet ignored -> throw new AssertionError("handled above");
            case ChangeTimeZone change -> changeTimeZone(change, draft);
            case GrantTokens grant -> TokenRules.grant(grant, draft);
            case ApplyPayment payment -> Payments.apply(payment, draft);
            case PlaceHold place -> placeHold(place, draft);
            case ExtendHold extend -> extendHold(extend, draft);
            case CaptureHold capture -> captureHold(capture, draft);
            case ReleaseHold release -> releaseHold(release, draft);
            case ChargeMessage message -> VersionRules.of(wallet.version()).chargeMessage(message, draft);
            case MigrateWallet migration -> migrate(migration, draft);
        }
        return draft.events();
    }

    /**
     * The movement ids {@code command} is decided on that {@code state} may have forgotten (ADR 0041): its own, and
     * for a hold command the hold's placing and closing. Whoever runs the decider looks them up in the index of
     * every movement id and hands what it found to {@link Open#recalling} before deciding; empty when the wallet
     * forgot nothing.
     */
    public static List<String> keysToRecall(WalletCommand command, Wallet state) {
        if (!(state instanceof Open wallet) || command instanceof OpenWallet) {
            return List.of();
        }
        var keys = new ArrayList<String>();
        keys.add(command.movementId());
        switch (command) {
            case PlaceHold place -> keys.add("close:" + place.holdId());
            case ExtendHold extend -> keys.addAll(List.of("hold:" + extend.holdId(), "close:" + extend.holdId()));
            case CaptureHold capture -> keys.add("hold:" + capture.holdId());
            case ReleaseHold release -> keys.add("hold:" + release.holdId());
            default -> {
            }
        }
        return keys.stream().distinct().filter(wallet.recorded()::mayHaveForgotten).toList();
    }

    /** {@code state}, also answering for forgotten movement ids an earlier look-up {@code found}. */
    public static Wallet recalling(Wallet state, java.util.Map<String, CarriedOut> found) {
        return state instanceof Open open ? open.recalling(found) : state;
    }

    /** What was recorded between {@code before} and {@code after}, each under its keys: what to write down. */
    public static List<IdempotencyIndex.Entry<CarriedOut>> recordedBetween(Wallet before, Wallet after) {
        long since = before instanceof Open open ? open.recorded().lastSequence() : 0;
        return after instanceof Open open ? open.recorded().recordedAfter(since) : List.of();
    }

    /**
     * The decision on {@code command}: its events, or, for a payment fact refused by a parking rule
     * ({@link #PARKING_CODES}), that it is parked: an answer, not a failure, with nothing to apply. Every other
     * refusal is thrown as by {@link #decide}.
     */
    public static WalletDecision decision(WalletCommand command, Wallet state) {
        try {
            return WalletDecision.of(decide(command, state));
        } catch (RuleViolation refused) {
            if (command instanceof ApplyPayment && Payments.parks(refused)) {
                return WalletDecision.parked(refused.code() + ": " + refused.getMessage());
            }
            throw refused;
        }
    }

    /** Folds a whole history, from the initial state. */
    public static Wallet replay(Iterable<? extends WalletEvent> history) {
        Wallet state = initialState();
        for (WalletEvent event : history) {
            state = evolve(state, event);
        }
        return state;
    }

    /** The state after {@code event}. */
    public static Wallet evolve(Wallet state, WalletEvent event) {
        return WalletEvolution.evolve(state, event, true);
    }

    /**
     * The stored shape ({@link Wallet.Open#asStored}) after {@code event}: what the read model keeps, folded by the
     * same evolution as the aggregate, so {@code evolveStored(s.asStored(), e)} equals {@code evolve(s, e).asStored()}.
     */
    public static Wallet.Open evolveStored(Wallet state, WalletEvent event) {
        return ((Wallet.Open) WalletEvolution.evolve(state, event, false)).asStored();
    }

    /**
     * Whether a call of {@code kind} may start at {@code at}: at least one billable minute (V1 tokens for a minute
     * at the call's rate, V2 60 s of today's allowance, V3 a usable moment).
     */
    public static boolean canStart(Wallet state, CallKind kind, TokenRates rates, Instant at) {
        return state instanceof Open wallet && VersionRules.of(wallet.version()).canStart(wallet, kind, rates, at);
    }

    /** What {@code command} did, for its caller: a parked payment, or what its events did ({@link #receipt}). */
    public static WalletReceipt receipt(WalletCommand command, Wallet after, WalletDecision decision) {
        return decision.parked() ? WalletReceipt.parked(command.movementId(), decision.parkedBecause())
                : receipt(command, after, decision.events().isEmpty());
    }

    /** What {@code command} did, for its caller: read from the state after its events were applied. */
    public static WalletReceipt receipt(WalletCommand command, Wallet after, boolean alreadyRecorded) {
        Open wallet = requireOpen(after, command.memberId());
        Optional<CarriedOut> recorded = wallet.recorded().find(command.movementId());
        String outcome = recorded.map(CarriedOut::outcome).orElse(null);
        long amount = recorded.map(CarriedOut::amount).orElse(0L);
        long released = recorded.map(CarriedOut::released).orElse(0L);
        WalletReceipt.HoldState hold = switch (command) {
            case PlaceHold place -> holdState(wallet, place.holdId());
            case ExtendHold extend -> holdState(wallet, extend.holdId());
            case CaptureHold capture -> holdState(wallet, capture.holdId());
            case ReleaseHold release -> holdState(wallet, release.holdId());
            default -> null;
        };
        return new WalletReceipt(command.movementId(), alreadyRecorded, outcome, amount, released, hold);
    }

    /** The hold {@code holdId} of {@code wallet} as it stands, or empty when the wallet never had it. */
    public static Optional<WalletReceipt.HoldState> hold(Wallet wallet, String holdId) {
        return wallet instanceof Open open ? Optional.ofNullable(holdState(open, holdId)) : Optional.empty();
    }

    private static WalletReceipt.HoldState holdState(Open wallet, String holdId) {
        Hold open = wallet.holds().get(holdId);
        if (open != null) {
            return new WalletReceipt.HoldState(holdId, WalletReceipt.HoldStatus.OPEN, open.unit(), open.held(),
                    open.coveredSeconds(), 0, 0);
        }
        return wallet.recorded().find("close:" + holdId)
                .map(closed -> new WalletReceipt.HoldState(holdId, closed.kind().equals("capture")
                        ? WalletReceipt.HoldStatus.CAPTURED : WalletReceipt.HoldStatus.RELEASED, null, 0, 0,
                        closed.amount(), closed.released()))
                .orElse(null);
    }

    static Open requireOpen(Wallet state, String memberId) {
        if (state instanceof Open open) {
            return open;
        }
        throw RuleViolation.notFound(WALLET_NOT_FOUND, "member " + memberId + " has no wallet");
    }

    static void requireVersion(Open wallet, MonetizationVersion version, String message) {
        if (wallet.version() != version) {
            throw RuleViolation.refused(WRONG_VERSION, message + "; this wallet is on " + wallet.version().code());
        }
    }

    /** A new zone takes effect at the next local midnight ({@link TierRules#resetAtLocalMidnight}). */
    private static void changeTimeZone(ChangeTimeZone change, Draft draft) {
        Open wallet = draft.state();
        if (!change.zone().equals(wallet.effectiveZone())) {
            draft.emit(new TimeZoneChanged(wallet.memberId(), change.movementId(), change.zone(), change.at()));
        }
    }

    // --- Holds: by id here, what they hold and charge by the rules of their version ------------------------------

    private static void placeHold(PlaceHold place, Draft draft) {
        Open wallet = draft.state();
        if (wallet.holds().containsKey(place.holdId())) {
            throw RuleViolation.conflict("HOLD_ID_REUSED", "hold " + place.holdId() + " is already open");
        }
        VersionRules.of(wallet.version()).placeHold(place, draft);
    }

    private static void extendHold(ExtendHold extend, Draft draft) {
        Hold hold = openHold(draft.state(), extend.holdId());
        VersionRules.of(hold.version()).extendHold(hold, extend, draft);
    }

    /**
     * Charges what the call's verdict bills, taken as it is ({@link VersionRules#charge}). A hold always covers the
     * call's billable time (the call is billed no further than its hold covered it), so the charge is never capped
     * by the hold; were it ever, the capture is refused rather than charge less than the companion is credited.
     */
    private static void captureHold(CaptureHold capture, Draft draft) {
        Open wallet = draft.state();
        Hold hold = openHold(wallet, capture.holdId());
        CallVerdict verdict = capture.verdict();
        VersionRules.Charge charge = VersionRules.of(hold.version()).charge(hold, verdict, wallet, capture.at());
        List<Movement> movements = charge.charged() == 0 ? List.of() : List.of(draft.movement(capture.movementId(),
                MovementKind.CALL_CHARGED, hold.unit(), -charge.charged(), charge.balanceAfter(),
                "hold:" + hold.holdId(), capture.at()));
        draft.emit(new HoldCaptured(wallet.memberId(), capture.movementId(), hold.holdId(),
                verdict.billableSeconds(), charge.charged(), hold.held() - charge.charged(), charge.draws(),
                capture.at(), movements));
    }

    private static void releaseHold(ReleaseHold release, Draft draft) {
        Open wallet = draft.state();
        Hold hold = openHold(wallet, release.holdId());
        draft.emit(new HoldReleased(wallet.memberId(), release.movementId(), hold.holdId(), hold.held(),
                release.at()));
    }

    private static Hold openHold(Open wallet, String holdId) {
        Hold hold = wallet.holds().get(holdId);
        if (hold != null) {
            return hold;
        }
        if (wallet.recorded().contains("hold:" + holdId)) {
            throw RuleViolation.conflict(HOLD_CLOSED, "hold " + holdId + " is already closed");
        }
        throw RuleViolation.notFound(HOLD_NOT_FOUND, "there is no hold " + holdId);
    }

    // --- Migrations --------------------------------------------------------------------------------------------------

    private static void migrate(MigrateWallet migration, Draft draft) {
        Open wallet = draft.state();
        if (migration.to() == wallet.version()) {
            throw RuleViolation.conflict(MIGRATION_TO_SAME_VERSION, "the wallet of member " + wallet.memberId()
                    + " is already on " + wallet.version().code());
        }
        if (!wallet.holds().isEmpty()) {
            throw RuleViolation.conflict(HOLDS_OPEN, "the wallet of member " + wallet.memberId() + " has "
                    + wallet.holds().size() + " open hold(s); migrate it once its calls ended");
        }
        if (wallet.version() == MonetizationVersion.V3_MOMENTS) {
            MomentRules.sweepExpired(migration.at(), draft);
        }
        Open current = draft.state();
        String id = migration.movementId();
        String reference = "rule:" + migration.rule().ruleId();
        var movements = new ArrayList<Movement>();
        long out = switch (current.part()) {
            case Tokens tokens -> tokens.balance();
            case Moments moments -> moments.balance();
            case Tiers ignored -> 0;
        };
        MeterUnit fromUnit = unitOf(wallet.version());
        if (fromUnit != null) {
            movements.add(draft.movement(id, MovementKind.MIGRATED_OUT, fromUnit, -out, 0, reference,
                    migration.at()));
        }
        long in = migration.to() == MonetizationVersion.V2_TIERS ? 0 : migration.rule().convert(out);
        MeterUnit toUnit = unitOf(migration.to());
        if (toUnit != null) {
            movements.add(draft.movement(id, MovementKind.MIGRATED_IN, toUnit, in, in, reference,
                    migration.at(), movements.size()));
        }
        boolean toMoments = migration.to() == MonetizationVersion.V3_MOMENTS;
        draft.emit(new WalletMigrated(wallet.memberId(), id, wallet.version(), migration.to(),
                migration.rule().ruleId(), out, in, "migration:" + migration.migrationId(),
                toMoments ? migration.rule().momentSeconds() : 0,
                toMoments ? migration.at().plusSeconds(migration.rule().validForSeconds()) : null,
                migration.actor(), migration.at(), movements));
    }

    /** The unit that carries a version's balance; V2 has none. */
    static MeterUnit unitOf(MonetizationVersion version) {
        return switch (version) {
            case V1_TOKENS -> MeterUnit.TOKENS;
            case V2_TIERS -> null;
            case V3_MOMENTS -> MeterUnit.MOMENTS;
        };
    }
}
