package app.hearth.domain.money.wallet;

import org.jmolecules.ddd.annotation.ValueObject;

/**
 * What a command did, for its caller; a retry ({@code alreadyRecorded}) gets the original's figures.
 *
 * @param outcome  for payments: {@code APPLIED}, {@code OUT_OF_ORDER} or {@code PARKED}
 * @param amount   the units the command moved or reserved (charged, held, added, bought)
 * @param released for holds: the units given back; for refunds: the shortfall (units already spent or held)
 * @param hold     for hold commands: the hold now
 * @param reason   for a parked payment: the refusal's code and message
 */
@ValueObject
public record WalletReceipt(String movementId, boolean alreadyRecorded, String outcome, long amount, long released,
                            HoldState hold, String reason) {

    public static final String PARKED = "PARKED";

    public WalletReceipt(String movementId, boolean alreadyRecorded, String outcome, long amount, long released,
                         HoldState hold) {
        this(movementId, alreadyRecorded, outcome, amount, released, hold, null);
    }

    /** A payment fact the wallet refused by a parking rule: nothing moved. */
    public static WalletReceipt parked(String movementId, String reason) {
        return new WalletReceipt(movementId, false, PARKED, 0, 0, null, reason);
    }

    public boolean isParked() {
        return PARKED.equals(outcome);
    }

    public enum HoldStatus { OPEN, CAPTURED, RELEASED }

    /** A hold as it stands: open with what it holds and covers, or closed with what it charged and released. */
    public record HoldState(String holdId, HoldStatus status, MeterUnit unit, long held, long coveredSeconds,
                            long charged, long released) {
    }
}
