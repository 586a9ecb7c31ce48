package app.hearth.domain.money.wallet;

import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.catalog.TokenRates;
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
import app.hearth.domain.money.wallet.WalletEvent.AllowanceDayStarted;
import app.hearth.domain.money.wallet.WalletEvent.HoldCaptured;
import app.hearth.domain.money.wallet.WalletEvent.HoldExtended;
import app.hearth.domain.money.wallet.WalletEvent.HoldPlaced;
import app.hearth.domain.money.wallet.WalletEvent.HoldReleased;
import app.hearth.domain.money.wallet.WalletEvent.MessageCharged;
import app.hearth.domain.money.wallet.WalletEvent.MomentPackPurchased;
import app.hearth.domain.money.wallet.WalletEvent.MomentsExpired;
import app.hearth.domain.money.wallet.WalletEvent.PaymentRecorded;
import app.hearth.domain.money.wallet.WalletEvent.PurchaseRefunded;
import app.hearth.domain.money.wallet.WalletEvent.SubscriptionUpdated;
import app.hearth.domain.money.wallet.WalletEvent.TimeZoneChanged;
import app.hearth.domain.money.wallet.WalletEvent.TokensGranted;
import app.hearth.domain.money.wallet.WalletEvent.TokensPurchased;
import app.hearth.domain.money.wallet.WalletEvent.WalletMigrated;
import app.hearth.domain.money.wallet.WalletEvent.WalletOpened;
import app.hearth.domain.shared.RuleViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of a member's wallet as two pure functions: {@link #decide} turns a command and the current state into
 * the events that follow (none when the command's movement id was carried out before), and {@link #evolve} folds
 * one event into the state. Neither reads a clock nor makes an id.
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

    /**
     * Refusals of a payment fact that mean "park it for review with an alert", never "drop it": its product is
     * unknown, belongs to another monetization version, or does not fit the kind of fact.
     */
    public static final java.util.Set<String> PARKING_CODES = java.util.Set.of(PRODUCT_UNKNOWN,
            PRODUCT_OF_ANOTHER_VERSION, PAYMENT_NOT_UNDERSTOOD);

    /** Seconds in the started minute V1 holds and prices ({@link CallVerdict#MINUTE}). */
    private static final long MINUTE = CallVerdict.MINUTE.toSeconds();
    /** A V3 chat window lasts this long. */
    public static final Duration CHAT_WINDOW = Duration.ofHours(24);

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
        var decision = new Decision(wallet);
        switch (command) {
            case OpenWallet ignored -> throw new AssertionError("handled above");
            case ChangeTimeZone change -> {
                if (!change.zone().equals(wallet.effectiveZone())) {
                    decision.emit(new TimeZoneChanged(wallet.memberId(), change.movementId(), change.zone(),
                            change.at()));
                }
            }
            case GrantTokens grant -> grant(grant, decision);
            case ApplyPayment payment -> Payments.apply(payment, decision);
            case PlaceHold place -> placeHold(place, decision);
            case ExtendHold extend -> extendHold(extend, decision);
            case CaptureHold capture -> captureHold(capture, decision);
            case ReleaseHold release -> releaseHold(release, decision);
            case ChargeMessage message -> chargeMessage(message, decision);
            case MigrateWallet migration -> migrate(migration, decision);
        }
        return decision.events();
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
        return Evolution.evolve(state, event, true);
    }

    /**
     * Whether a call of {@code kind} may start at {@code at}: at least one billable minute (V1 tokens for a minute
     * at the call's rate, V2 60 s of today's allowance, V3 a usable moment).
     */
    public static boolean canStart(Wallet state, CallKind kind, TokenRates rates, Instant at) {
        if (!(state instanceof Open wallet)) {
            return false;
        }
        return switch (wallet.version()) {
            case V1_TOKENS -> wallet.spendableTokens() >= kind.tokensPerMinute(rates);
            case V2_TIERS -> wallet.callSecondsLeft(wallet.dayAt(at), at) >= MINUTE;
            case V3_MOMENTS -> wallet.usableMoments(at) >= 1;
        };
    }

    /** What {@code command} did, for its caller: read from the state after its events were applied. */
    public static WalletReceipt receipt(WalletCommand command, Wallet after, boolean alreadyRecorded) {
        Open wallet = requireOpen(after, command.memberId());
        Optional<RecordedIds.Recorded> recorded = wallet.recorded().find(command.movementId());
        String outcome = recorded.map(RecordedIds.Recorded::outcome).orElse(null);
        long amount = recorded.map(RecordedIds.Recorded::amount).orElse(0L);
        long released = recorded.map(RecordedIds.Recorded::released).orElse(0L);
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
    public static java.util.Optional<WalletReceipt.HoldState> hold(Wallet wallet, String holdId) {
        return wallet instanceof Open open ? java.util.Optional.ofNullable(holdState(open, holdId))
                : java.util.Optional.empty();
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

    // --- V1 grants ---------------------------------------------------------------------------------------------------

    private static void grant(GrantTokens grant, Decision decision) {
        Open wallet = decision.state();
        requireVersion(wallet, MonetizationVersion.V1_TOKENS, "tokens are granted to V1 wallets only");
        decision.emit(new TokensGranted(wallet.memberId(), grant.movementId(), grant.tokens(), grant.reason(),
                grant.actor(), grant.at(), List.of(decision.movement(grant.movementId(), MovementKind.TOKENS_GRANTED,
                        MeterUnit.TOKENS, grant.tokens(), wallet.tokenBalance() + grant.tokens(),
                        "grant:" + grant.grantId(), grant.at()))));
    }

    static void requireVersion(Open wallet, MonetizationVersion version, String message) {
        if (wallet.version() != version) {
            throw RuleViolation.refused(WRONG_VERSION, message + "; this wallet is on " + wallet.version().code());
        }
    }

    // --- Holds -------------------------------------------------------------------------------------------------------

    private static void placeHold(PlaceHold place, Decision decision) {
        Open wallet = decision.state();
        if (wallet.holds().containsKey(place.holdId())) {
            throw RuleViolation.conflict("HOLD_ID_REUSED", "hold " + place.holdId() + " is already open");
        }
        switch (wallet.version()) {
            case V1_TOKENS -> {
                long rate = place.kind().tokensPerMinute(place.rates());
                long minutes = Math.min(Math.ceilDiv(place.seconds(), MINUTE), wallet.spendableTokens() / rate);
                if (minutes < 1) {
                    throw insufficient(wallet, "tokens for one minute of a " + place.kind() + " call");
                }
                decision.emit(new HoldPlaced(wallet.memberId(), place.movementId(), new Hold(place.holdId(),
                        place.kind(), wallet.version(), MeterUnit.TOKENS, place.seconds(), minutes * rate,
                        minutes * MINUTE, rate, 0, List.of(), place.at()), place.at()));
            }
            case V2_TIERS -> {
                AllowanceDay day = decision.startDayIfDue(place.at());
                long left = decision.state().callSecondsLeft(day, place.at());
                if (left < MINUTE) {
                    throw insufficient(wallet, "60 seconds of today's call allowance");
                }
                long held = Math.min(place.seconds(), left);
                decision.emit(new HoldPlaced(wallet.memberId(), place.movementId(), new Hold(place.holdId(),
                        place.kind(), wallet.version(), MeterUnit.CALL_SECONDS, place.seconds(), held, held, 0,
                        day.number(), List.of(), place.at()), place.at()));
            }
            case V3_MOMENTS -> {
                decision.expireMoments(place.at());
                List<HeldMoment> moments = pickMoments(decision.state(), place.seconds(), place.at());
                if (moments.isEmpty()) {
                    throw insufficient(wallet, "a usable moment");
                }
                decision.emit(new HoldPlaced(wallet.memberId(), place.movementId(), new Hold(place.holdId(),
                        place.kind(), wallet.version(), MeterUnit.MOMENTS, place.seconds(), moments.size(),
                        covered(moments), 0, 0, moments, place.at()), place.at()));
            }
        }
    }

    private static void extendHold(ExtendHold extend, Decision decision) {
        Open wallet = decision.state();
        Hold hold = openHold(wallet, extend.holdId());
        long requested = hold.requestedSeconds() + extend.seconds();
        switch (hold.unit()) {
            case TOKENS -> {
                long heldMinutes = hold.coveredSeconds() / MINUTE;
                long missing = Math.max(0, Math.ceilDiv(requested, MINUTE) - heldMinutes);
                long added = Math.min(missing, wallet.spendableTokens() / hold.ratePerMinute());
                decision.emit(new HoldExtended(wallet.memberId(), extend.movementId(), hold.holdId(), requested,
                        added * hold.ratePerMinute(), (heldMinutes + added) * MINUTE, List.of(), extend.at()));
            }
            case CALL_SECONDS -> {
                // a call counts against the day it started, even after local midnight
                AllowanceDay day = wallet.day(hold.dayNumber()).orElseThrow();
                long missing = Math.max(0, requested - hold.coveredSeconds());
                long added = Math.min(missing, wallet.callSecondsLeft(day, extend.at()));
                decision.emit(new HoldExtended(wallet.memberId(), extend.movementId(), hold.holdId(), requested,
                        added, hold.coveredSeconds() + added, List.of(), extend.at()));
            }
            case MOMENTS -> {
                decision.expireMoments(extend.at());
                long missing = Math.max(0, requested - hold.coveredSeconds());
                List<HeldMoment> moments = missing == 0 ? List.of()
                        : pickMoments(decision.state(), missing, extend.at());
                decision.emit(new HoldExtended(wallet.memberId(), extend.movementId(), hold.holdId(), requested,
                        moments.size(), hold.coveredSeconds() + covered(moments), moments, extend.at()));
            }
            case MESSAGES -> throw new AssertionError("holds never reserve messages");
        }
    }

    /**
     * Charges what the call's verdict bills, taken as it is: V1 its started minutes at the hold's rate, V2 its billable
     * seconds of the day's allowance, V3 the held moments, first held first, that cover its billable seconds. A hold
     * always covers the call's billable time (the call is billed no further than its hold covered it), so the
     * charge is never capped by the hold; were it ever, the capture is refused rather than charge less than the
     * companion is credited.
     */
    private static void captureHold(CaptureHold capture, Decision decision) {
        Open wallet = decision.state();
        Hold hold = openHold(wallet, capture.holdId());
        CallVerdict verdict = capture.verdict();
        long charged;
        List<Draw> draws;
        long balanceAfter;
        switch (hold.unit()) {
            case TOKENS -> {
                charged = verdict.startedMinutes() * hold.ratePerMinute();
                requireCovered(hold, charged <= hold.held(), verdict);
                draws = drawTokens(wallet, charged);
                balanceAfter = wallet.tokenBalance() - charged;
            }
            case CALL_SECONDS -> {
                charged = verdict.billableSeconds();
                requireCovered(hold, charged <= hold.held(), verdict);
                draws = List.of();
                AllowanceDay day = wallet.day(hold.dayNumber()).orElseThrow();
                balanceAfter = Math.max(0, wallet.dailyCallSecondsAt(capture.at()) - day.callSecondsUsed() - charged
                        - (day.callSecondsHeld() - hold.held()));
            }
            case MOMENTS -> {
                long moments = 0;
                long covered = 0;
                if (verdict.charges()) {
                    for (HeldMoment moment : hold.moments()) {
                        if (covered >= verdict.billableSeconds()) {
                            break;
                        }
                        covered += moment.lengthSeconds();
                        moments++;
                    }
                    requireCovered(hold, covered >= verdict.billableSeconds(), verdict);
                }
                charged = moments;
                var byPack = new LinkedHashMap<String, Long>();
                hold.moments().stream().limit(moments)
                        .forEach(moment -> byPack.merge(moment.packKey(), 1L, Long::sum));
                draws = byPack.entrySet().stream().map(entry -> new Draw(entry.getKey(), entry.getValue())).toList();
                balanceAfter = wallet.momentBalance() - charged;
            }
            default -> throw new AssertionError("holds never reserve messages");
        }
        List<Movement> movements = charged == 0 ? List.of() : List.of(decision.movement(capture.movementId(),
                MovementKind.CALL_CHARGED, hold.unit(), -charged, balanceAfter, "hold:" + hold.holdId(),
                capture.at()));
        decision.emit(new HoldCaptured(wallet.memberId(), capture.movementId(), hold.holdId(),
                verdict.billableSeconds(), charged, hold.held() - charged, draws, capture.at(), movements));
    }

    /** A verdict beyond what the hold covers: the call and its hold disagree, never a smaller charge. */
    private static void requireCovered(Hold hold, boolean covered, CallVerdict verdict) {
        if (!covered) {
            throw RuleViolation.conflict(VERDICT_BEYOND_HOLD, "hold " + hold.holdId() + " does not cover the call's "
                    + verdict.billableSeconds() + " billable seconds (" + verdict.startedMinutes()
                    + " started minutes)");
        }
    }

    private static void releaseHold(ReleaseHold release, Decision decision) {
        Open wallet = decision.state();
        Hold hold = openHold(wallet, release.holdId());
        decision.emit(new HoldReleased(wallet.memberId(), release.movementId(), hold.holdId(), hold.held(),
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

    private static long covered(List<HeldMoment> moments) {
        return moments.stream().mapToLong(HeldMoment::lengthSeconds).sum();
    }

    /** Free, usable moments that cover {@code seconds}, from the pack expiring first; fewer when they run out. */
    private static List<HeldMoment> pickMoments(Open wallet, long seconds, Instant at) {
        var picked = new ArrayList<HeldMoment>();
        long covered = 0;
        for (MomentPack pack : packsByExpiry(wallet, at)) {
            for (long i = 0; i < pack.free() && covered < seconds; i++) {
                picked.add(new HeldMoment(pack.key(), pack.momentSeconds()));
                covered += pack.momentSeconds();
            }
            if (covered >= seconds) {
                break;
            }
        }
        return picked;
    }

    private static List<MomentPack> packsByExpiry(Open wallet, Instant at) {
        return wallet.packs().stream().filter(pack -> pack.usableAt(at) && pack.free() > 0)
                .sorted(Comparator.comparing(MomentPack::expiresAt).thenComparingLong(MomentPack::order))
                .toList();
    }

    /** Granted tokens first, then paid tokens of the oldest purchase first. */
    static List<Draw> drawTokens(Open wallet, long tokens) {
        var draws = new ArrayList<Draw>();
        long left = tokens;
        long granted = Math.min(left, wallet.grantedTokens());
        if (granted > 0) {
            draws.add(new Draw(Draw.GRANTED, granted));
            left -= granted;
        }
        for (TokenLot lot : wallet.lots()) {
            if (left == 0) {
                break;
            }
            long take = Math.min(left, lot.remaining());
            if (take > 0) {
                draws.add(new Draw(lot.key(), take));
                left -= take;
            }
        }
        if (left > 0) {
            throw new IllegalStateException("drew " + tokens + " tokens from a balance of " + wallet.tokenBalance());
        }
        return draws;
    }

    private static RuleViolation insufficient(Open wallet, String needed) {
        return RuleViolation.refused(INSUFFICIENT_BALANCE, "the wallet of member " + wallet.memberId()
                + " does not have " + needed);
    }

    // --- Messages ----------------------------------------------------------------------------------------------------

    private static void chargeMessage(ChargeMessage message, Decision decision) {
        Open wallet = decision.state();
        String id = message.movementId();
        String reference = "message:" + message.messageId();
        switch (wallet.version()) {
            case V1_TOKENS -> {
                long rate = message.tokensPerMessage();
                if (wallet.spendableTokens() < rate) {
                    throw insufficient(wallet, rate + " tokens for a message");
                }
                List<Movement> movements = rate == 0 ? List.of() : List.of(decision.movement(id,
                        MovementKind.MESSAGE_CHARGED, MeterUnit.TOKENS, -rate, wallet.tokenBalance() - rate,
                        reference, message.at()));
                decision.emit(new MessageCharged(wallet.memberId(), id, message.messageId(), message.companionId(),
                        MeterUnit.TOKENS, rate, drawTokens(wallet, rate), null, 0, message.at(), movements));
            }
            case V2_TIERS -> {
                AllowanceDay day = decision.startDayIfDue(message.at());
                long left = decision.state().messagesLeft(day, message.at());
                if (left < 1) {
                    throw insufficient(wallet, "a message left in today's allowance");
                }
                decision.emit(new MessageCharged(wallet.memberId(), id, message.messageId(), message.companionId(),
                        MeterUnit.MESSAGES, 1, List.of(), null, day.number(), message.at(),
                        List.of(decision.movement(id, MovementKind.MESSAGE_CHARGED, MeterUnit.MESSAGES, -1, left - 1,
                                reference, message.at()))));
            }
            case V3_MOMENTS -> {
                ChatWindow window = wallet.chatWindows().get(message.companionId());
                if (window != null && window.openAt(message.at())) {
                    decision.emit(new MessageCharged(wallet.memberId(), id, message.messageId(),
                            message.companionId(), MeterUnit.MOMENTS, 0, List.of(), null, 0, message.at(),
                            List.of()));
                    return;
                }
                decision.expireMoments(message.at());
                List<HeldMoment> moment = pickMoments(decision.state(), 1, message.at());
                if (moment.isEmpty()) {
                    throw insufficient(wallet, "a usable moment to open a chat window");
                }
                Open current = decision.state();
                decision.emit(new MessageCharged(wallet.memberId(), id, message.messageId(), message.companionId(),
                        MeterUnit.MOMENTS, 1, List.of(new Draw(moment.getFirst().packKey(), 1)),
                        new ChatWindow(message.companionId(), message.at(), message.at().plus(CHAT_WINDOW)), 0,
                        message.at(), List.of(decision.movement(id, MovementKind.MESSAGE_CHARGED, MeterUnit.MOMENTS,
                                -1, current.momentBalance() - 1, reference, message.at()))));
            }
        }
    }

    // --- Migrations --------------------------------------------------------------------------------------------------

    private static void migrate(MigrateWallet migration, Decision decision) {
        Open wallet = decision.state();
        if (migration.to() == wallet.version()) {
            throw RuleViolation.conflict(MIGRATION_TO_SAME_VERSION, "the wallet of member " + wallet.memberId()
                    + " is already on " + wallet.version().code());
        }
        if (!wallet.holds().isEmpty()) {
            throw RuleViolation.conflict(HOLDS_OPEN, "the wallet of member " + wallet.memberId() + " has "
                    + wallet.holds().size() + " open hold(s); migrate it once its calls ended");
        }
        if (wallet.version() == MonetizationVersion.V3_MOMENTS) {
            decision.expireMoments(migration.at());
        }
        Open current = decision.state();
        String id = migration.movementId();
        String reference = "rule:" + migration.rule().ruleId();
        var movements = new ArrayList<Movement>();
        long out = switch (wallet.version()) {
            case V1_TOKENS -> current.tokenBalance();
            case V3_MOMENTS -> current.momentBalance();
            case V2_TIERS -> 0;
        };
        MeterUnit fromUnit = unitOf(wallet.version());
        if (fromUnit != null) {
            movements.add(decision.movement(id, MovementKind.MIGRATED_OUT, fromUnit, -out, 0, reference,
                    migration.at()));
        }
        long in = migration.to() == MonetizationVersion.V2_TIERS ? 0 : migration.rule().convert(out);
        MeterUnit toUnit = unitOf(migration.to());
        if (toUnit != null) {
            movements.add(decision.movement(id, MovementKind.MIGRATED_IN, toUnit, in, in, reference,
                    migration.at(), movements.size()));
        }
        boolean toMoments = migration.to() == MonetizationVersion.V3_MOMENTS;
        decision.emit(new WalletMigrated(wallet.memberId(), id, wallet.version(), migration.to(),
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

    /**
     * The events of one decision so far, and the state they lead to (folded without the idempotency index, which
     * a decision does not need: its movement id was checked before).
     */
    static final class Decision {

        private final List<WalletEvent> events = new ArrayList<>();
        private Open state;

        Decision(Open state) {
            this.state = state;
        }

        Open state() {
            return state;
        }

        List<WalletEvent> events() {
            return List.copyOf(events);
        }

        void emit(WalletEvent event) {
            events.add(event);
            state = (Open) Evolution.evolve(state, event, false);
        }

        Movement movement(String movementId, MovementKind kind, MeterUnit unit, long amount, long balanceAfter,
                          String reference, Instant at) {
            return movement(movementId, kind, unit, amount, balanceAfter, reference, at, 0);
        }

        /** A movement numbered after the {@code earlier} ones of the same event still to be emitted. */
        Movement movement(String movementId, MovementKind kind, MeterUnit unit, long amount, long balanceAfter,
                          String reference, Instant at, int earlier) {
            return new Movement(state.movements() + 1 + earlier, movementId, kind, unit, amount, balanceAfter,
                    reference, at);
        }

        /** The allowance day of {@code at}, started first (with the zone then in force) if it is a new one. */
        AllowanceDay startDayIfDue(Instant at) {
            AllowanceDay day = state.dayAt(at);
            if (state.currentDay().filter(current -> current.number() == day.number()).isEmpty()) {
                emit(new AllowanceDayStarted(state.memberId(), day, at));
            }
            return state.currentDay().orElseThrow();
        }

        /** Sweeps the free moments of packs expired at {@code at} out of the balance, one movement per pack. */
        void expireMoments(Instant at) {
            for (MomentPack pack : state.packs()) {
                if (!pack.usableAt(at) && pack.free() > 0) {
                    long moments = pack.free();
                    emit(new MomentsExpired(state.memberId(), pack.key(), moments, at, List.of(movement(
                            "expiry:" + pack.key() + ":" + (state.movements() + 1), MovementKind.MOMENTS_EXPIRED,
                            MeterUnit.MOMENTS, -moments, state.momentBalance() - moments, "pack:" + pack.key(),
                            at))));
                }
            }
        }
    }

    /** Folds events into state; used by {@link #evolve} and, without the index, inside a decision. */
    static final class Evolution {

        private Evolution() {
        }

        static Wallet evolve(Wallet state, WalletEvent event, boolean index) {
            if (event instanceof WalletOpened opened) {
                return new Open(opened.memberId(), opened.version(), opened.zone(), null, 0, List.of(), Map.of(),
                        List.of(), List.of(), Map.of(), Map.of(), java.util.Set.of(), 0, 0, 0, RecordedIds.none());
            }
            Open w = requireOpen(state, event.memberId());
            var b = new Builder(w);
            b.movements += event.movements().size();
            switch (event) {
                case WalletOpened ignored -> throw new AssertionError("handled above");
                case TimeZoneChanged changed -> {
                    b.pendingZone = changed.zone().equals(w.zone()) ? null : changed.zone();
                    b.record(index, changed.movementId(), "zone", 0, 0, null);
                }
                case TokensGranted granted -> {
                    b.granted += granted.tokens();
                    b.record(index, granted.movementId(), "grant", granted.tokens(), 0, null);
                }
                case TokensPurchased purchased -> {
                    if (purchased.tokens() > 0) {
                        b.lots().add(new TokenLot(purchased.lotKey(), purchased.productId(), purchased.tokens(),
                                purchased.tokens()));
                        b.purchases++;
                    }
                    b.record(index, purchased.movementId(), "payment", purchased.tokens(), 0, "APPLIED");
                }
                case MomentPackPurchased purchased -> {
                    b.purchases++;
                    b.packs().add(new MomentPack(purchased.packKey(), purchased.productId(), purchased.moments(),
                            purchased.moments(), 0, purchased.momentSeconds(), purchased.expiresAt(), b.purchases));
                    b.record(index, purchased.movementId(), "payment", purchased.moments(), 0, "APPLIED");
                }
                case PurchaseRefunded refunded -> {
                    if (refunded.unit() == MeterUnit.TOKENS) {
                        b.drawLot(refunded.purchaseKey(), refunded.removed());
                    } else if (refunded.unit() == MeterUnit.MOMENTS) {
                        b.usePack(refunded.purchaseKey(), refunded.removed(), 0);
                    }
                    b.refunded().add(refunded.purchaseKey());
                    b.record(index, refunded.movementId(), "payment", refunded.removed(), refunded.shortfall(),
                            "APPLIED");
                }
                case SubscriptionUpdated updated -> {
                    b.subscriptions().put(updated.subscription().key(), updated.subscription());
                    b.record(index, updated.movementId(), "payment", 0, 0, "APPLIED");
                }
                case PaymentRecorded recorded -> b.record(index, recorded.movementId(), "payment", 0, 0,
                        recorded.outOfOrder() ? "OUT_OF_ORDER" : "APPLIED");
                case MomentsExpired expired -> b.usePack(expired.packKey(), expired.moments(), 0);
                case AllowanceDayStarted started -> {
                    b.days().removeIf(day -> day.callSecondsHeld() == 0);
                    b.days().add(started.day());
                    b.zone = started.day().zone();
                    b.pendingZone = null;
                    b.dayCount = started.day().number();
                }
                case HoldPlaced placed -> {
                    Hold hold = placed.hold();
                    b.holds().put(hold.holdId(), hold);
                    if (hold.unit() == MeterUnit.CALL_SECONDS) {
                        b.holdDay(hold.dayNumber(), 0, hold.held());
                    }
                    hold.moments().forEach(moment -> b.usePack(moment.packKey(), 0, 1));
                    b.record(index, placed.movementId(), "hold", hold.held(), 0, null);
                }
                case HoldExtended extended -> {
                    Hold hold = b.holds().get(extended.holdId());
                    var moments = new ArrayList<>(hold.moments());
                    moments.addAll(extended.addedMoments());
                    b.holds().put(hold.holdId(), new Hold(hold.holdId(), hold.kind(), hold.version(), hold.unit(),
                            extended.requestedSeconds(), hold.held() + extended.added(), extended.coveredSeconds(),
                            hold.ratePerMinute(), hold.dayNumber(), moments, hold.placedAt()));
                    if (hold.unit() == MeterUnit.CALL_SECONDS) {
                        b.holdDay(hold.dayNumber(), 0, extended.added());
                    }
                    extended.addedMoments().forEach(moment -> b.usePack(moment.packKey(), 0, 1));
                    b.record(index, extended.movementId(), "extend", extended.added(), 0, null);
                }
                case HoldCaptured captured -> {
                    Hold hold = b.holds().remove(captured.holdId());
                    switch (hold.unit()) {
                        case TOKENS -> b.drawTokens(captured.draws());
                        case CALL_SECONDS -> b.holdDay(hold.dayNumber(), captured.charged(), -hold.held());
                        case MOMENTS -> {
                            hold.moments().forEach(moment -> b.usePack(moment.packKey(), 0, -1));
                            captured.draws().forEach(draw -> b.usePack(draw.source(), draw.amount(), 0));
                        }
                        case MESSAGES -> throw new AssertionError("holds never reserve messages");
                    }
                    b.pruneDays();
                    b.record(index, captured.movementId(), "capture", captured.charged(), captured.released(), null);
                }
                case HoldReleased released -> {
                    Hold hold = b.holds().remove(released.holdId());
                    if (hold.unit() == MeterUnit.CALL_SECONDS) {
                        b.holdDay(hold.dayNumber(), 0, -hold.held());
                    }
                    hold.moments().forEach(moment -> b.usePack(moment.packKey(), 0, -1));
                    b.pruneDays();
                    b.record(index, released.movementId(), "release", 0, released.released(), null);
                }
                case MessageCharged charged -> {
                    switch (charged.unit()) {
                        case TOKENS -> b.drawTokens(charged.draws());
                        case MESSAGES -> b.useMessages(charged.dayNumber(), charged.charged());
                        case MOMENTS -> charged.draws().forEach(draw -> b.usePack(draw.source(), draw.amount(), 0));
                        case CALL_SECONDS -> throw new AssertionError("messages are not charged in call seconds");
                    }
                    if (charged.window() != null) {
                        b.windows().put(charged.companionId(), charged.window());
                    }
                    b.record(index, charged.movementId(), "message", charged.charged(), 0, null);
                }
                case WalletMigrated migrated -> {
                    b.version = migrated.to();
                    switch (migrated.from()) {
                        case V1_TOKENS -> {
                            b.granted = 0;
                            b.lots().clear();
                        }
                        case V3_MOMENTS -> {
                            b.packs().clear();
                            b.windows().clear();
                        }
                        case V2_TIERS -> { }
                    }
                    if (migrated.unitsIn() > 0 && migrated.to() == MonetizationVersion.V1_TOKENS) {
                        b.purchases++;
                        b.lots().add(new TokenLot(migrated.purchaseKey(), "migration:" + migrated.ruleId(),
                                migrated.unitsIn(), migrated.unitsIn()));
                    } else if (migrated.unitsIn() > 0 && migrated.to() == MonetizationVersion.V3_MOMENTS) {
                        b.purchases++;
                        b.packs().add(new MomentPack(migrated.purchaseKey(), "migration:" + migrated.ruleId(),
                                migrated.unitsIn(), migrated.unitsIn(), 0, migrated.momentSeconds(),
                                migrated.expiresAt(), b.purchases));
                    }
                    b.record(index, migrated.movementId(), "migration", migrated.unitsIn(), migrated.unitsOut(), null);
                }
            }
            return b.build();
        }
    }

    /** A mutable copy of an open wallet, for one evolution step. */
    private static final class Builder {
        final Open from;
        MonetizationVersion version;
        String zone;
        String pendingZone;
        long granted;
        // copied on first change only: most events touch one or two of these
        private List<TokenLot> lots;
        private Map<String, Subscription> subscriptions;
        private List<AllowanceDay> days;
        private List<MomentPack> packs;
        private Map<String, ChatWindow> windows;
        private Map<String, Hold> holds;
        private java.util.Set<String> refunded;
        private final java.util.Set<String> copied = new HashSet<>();
        long movements;
        long dayCount;
        long purchases;
        RecordedIds recorded;

        Builder(Open w) {
            from = w;
            version = w.version();
            zone = w.zone();
            pendingZone = w.pendingZone();
            granted = w.grantedTokens();
            lots = w.lots();
            subscriptions = w.subscriptions();
            days = w.days();
            packs = w.packs();
            windows = w.chatWindows();
            holds = w.holds();
            refunded = w.refunded();
            movements = w.movements();
            dayCount = w.dayCount();
            purchases = w.purchaseCount();
            recorded = w.recorded();
        }

        List<TokenLot> lots() {
            if (copied.add("lots")) {
                lots = new ArrayList<>(lots);
            }
            return lots;
        }

        Map<String, Subscription> subscriptions() {
            if (copied.add("subscriptions")) {
                subscriptions = new HashMap<>(subscriptions);
            }
            return subscriptions;
        }

        List<AllowanceDay> days() {
            if (copied.add("days")) {
                days = new ArrayList<>(days);
            }
            return days;
        }

        List<MomentPack> packs() {
            if (copied.add("packs")) {
                packs = new ArrayList<>(packs);
            }
            return packs;
        }

        Map<String, ChatWindow> windows() {
            if (copied.add("windows")) {
                windows = new HashMap<>(windows);
            }
            return windows;
        }

        Map<String, Hold> holds() {
            if (copied.add("holds")) {
                holds = new HashMap<>(holds);
            }
            return holds;
        }

        java.util.Set<String> refunded() {
            if (copied.add("refunded")) {
                refunded = new HashSet<>(refunded);
            }
            return refunded;
        }

        void record(boolean index, String movementId, String kind, long amount, long released, String outcome) {
            if (index) {
                recorded = recorded.with(movementId, kind, amount, released, outcome);
            }
        }

        void drawTokens(List<Draw> draws) {
            for (Draw draw : draws) {
                if (draw.source().equals(Draw.GRANTED)) {
                    granted -= draw.amount();
                } else {
                    drawLot(draw.source(), draw.amount());
                }
            }
        }

        void drawLot(String key, long amount) {
            for (int i = 0; i < lots().size(); i++) {
                if (lots().get(i).key().equals(key)) {
                    // an emptied lot stays: a refund of its purchase records its shortfall against it
                    lots().set(i, lots().get(i).minus(amount));
                    return;
                }
            }
        }

        void usePack(String key, long used, long held) {
            for (int i = 0; i < packs().size(); i++) {
                MomentPack pack = packs().get(i);
                if (pack.key().equals(key)) {
                    packs().set(i, pack.with(pack.remaining() - used, pack.held() + held));
                    return;
                }
            }
        }

        void holdDay(long number, long used, long held) {
            for (int i = 0; i < days().size(); i++) {
                AllowanceDay day = days().get(i);
                if (day.number() == number) {
                    days().set(i, day.withCalls(day.callSecondsUsed() + used, day.callSecondsHeld() + held));
                    return;
                }
            }
        }

        void useMessages(long number, long messages) {
            for (int i = 0; i < days().size(); i++) {
                AllowanceDay day = days().get(i);
                if (day.number() == number) {
                    days().set(i, day.withMessages(day.messagesUsed() + messages));
                    return;
                }
            }
        }

        /** Earlier days stay only while a call of theirs holds seconds. */
        void pruneDays() {
            for (int i = days().size() - 2; i >= 0; i--) {
                if (days().get(i).callSecondsHeld() == 0) {
                    days().remove(i);
                }
            }
        }

        Open build() {
            return new Open(from.memberId(), version, zone, pendingZone, granted, lots, subscriptions, days, packs,
                    windows, holds, refunded, movements, dayCount, purchases, recorded);
        }
    }
}
