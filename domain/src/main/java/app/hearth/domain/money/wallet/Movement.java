package app.hearth.domain.money.wallet;

import java.time.Instant;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * One movement of units in a wallet, never changed once recorded. {@code position} numbers a wallet's movements
 * from 1 without gaps; {@code amount} is signed; {@code balanceAfter} is the unit's balance after it (for V2 units:
 * what is left of that day's allowance).
 */
@ValueObject
public record Movement(long position, String movementId, MovementKind kind, MeterUnit unit, long amount,
                       long balanceAfter, String reference, Instant at) {
}
