package app.hearth.application.money.metering;

import app.hearth.domain.money.wallet.CallKind;
import app.hearth.domain.money.wallet.CallVerdict;
import app.hearth.domain.money.wallet.MeterUnit;
import app.hearth.domain.money.wallet.WalletReceipt;
import java.time.Instant;
import org.jmolecules.architecture.hexagonal.PrimaryPort;

/**
 * What calls and chat ask of a member's wallet, whatever its version (semantics.md "Calls"). Every operation is
 * idempotent on the caller's id (hold id, extension id, message id) and takes the time it happens: a retry is
 * answered like the original. A hold reserves balance that nothing else may spend; capturing charges what the
 * call's verdict bills (ADR 0030) and releases the rest. Refusals: {@code INSUFFICIENT_BALANCE} (422).
 */
@PrimaryPort
public interface Metering {

    /** A hold as it stands after an operation. */
    record HoldResult(String holdId, WalletReceipt.HoldStatus status, MeterUnit unit, long held, long coveredSeconds,
                      long charged, long released, boolean alreadyRecorded) {
    }

    /** What a message cost ({@code charged} units of {@code unit}; 0 inside a V3 chat window or at rate 0). */
    record MessageCharge(String messageId, long charged, boolean alreadyRecorded) {
    }

    /** Whether the member has at least one billable minute for a call of {@code kind} at {@code at}. */
    boolean canStart(String memberId, CallKind kind, Instant at);

    /** Holds up to {@code seconds} of call (what the balance allows, at least one billable minute). */
    HoldResult placeHold(String memberId, String holdId, CallKind kind, long seconds, Instant at);

    /** Asks the hold to cover {@code seconds} more; {@code coveredSeconds} says how far it now reaches. */
    HoldResult extendHold(String memberId, String holdId, String extensionId, long seconds, Instant at);

    /** The hold as it stands (what it holds and covers), or empty when the member never had it. */
    java.util.Optional<HoldResult> hold(String memberId, String holdId, Instant at);

    /** Charges what the call's {@code verdict} bills, judging nothing again, and releases the rest. */
    HoldResult captureHold(String memberId, String holdId, CallVerdict verdict, Instant at);

    /** Releases the whole hold (the call never connected). */
    HoldResult releaseHold(String memberId, String holdId, Instant at);

    /** Charges one chat message the member sends to {@code companionId}. */
    MessageCharge chargeMessage(String memberId, String messageId, String companionId, Instant at);
}
