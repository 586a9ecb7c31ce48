package app.hearth.domain.money.wallet;

import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.catalog.TokenRates;
import app.hearth.domain.money.wallet.Wallet.Open;
import app.hearth.domain.money.wallet.WalletCommand.ChargeMessage;
import app.hearth.domain.money.wallet.WalletCommand.ExtendHold;
import app.hearth.domain.money.wallet.WalletCommand.PlaceHold;
import app.hearth.domain.shared.RuleViolation;
import java.time.Instant;
import java.util.List;

/**
 * What one monetization version decides for a wallet: whether a call may start, how a call is held, extended and
 * charged, and how a message is charged. {@link WalletDecider} asks the rules of the wallet's version (of the hold's,
 * for a hold): {@link TokenRules} (V1), {@link TierRules} (V2), {@link MomentRules} (V3).
 */
sealed interface VersionRules permits TokenRules, TierRules, MomentRules {

    /** The rules of {@code version}. */
    static VersionRules of(MonetizationVersion version) {
        return switch (version) {
            case V1_TOKENS -> TokenRules.RULES;
            case V2_TIERS -> TierRules.RULES;
            case V3_MOMENTS -> MomentRules.RULES;
        };
    }

    /** Whether a call of {@code kind} may start at {@code at}: at least one billable minute is available. */
    boolean canStart(Open wallet, CallKind kind, TokenRates rates, Instant at);

    /** Emits the hold of a call: what the balance allows of the seconds asked, at least one billable minute. */
    void placeHold(PlaceHold place, Draft draft);

    /** Emits what an open hold adds: what the balance allows of the seconds asked more (possibly nothing). */
    void extendHold(Hold hold, ExtendHold extend, Draft draft);

    /** What capturing {@code hold} charges for the call's {@code verdict} (ADR 0030), taken as it is. */
    Charge charge(Hold hold, CallVerdict verdict, Open wallet, Instant at);

    /** Emits the charge of a chat message. */
    void chargeMessage(ChargeMessage message, Draft draft);

    /** What a capture takes: {@code charged} units, drawn from {@code draws}, leaving {@code balanceAfter}. */
    record Charge(long charged, List<Draw> draws, long balanceAfter) {
    }

    /** A verdict beyond what the hold covers: the call and its hold disagree, never a smaller charge. */
    static void requireCovered(Hold hold, boolean covered, CallVerdict verdict) {
        if (!covered) {
            throw RuleViolation.conflict(WalletDecider.VERDICT_BEYOND_HOLD, "hold " + hold.holdId()
                    + " does not cover the call's " + verdict.billableSeconds() + " billable seconds ("
                    + verdict.startedMinutes() + " started minutes)");
        }
    }
}
