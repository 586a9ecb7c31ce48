package app.hearth.application.money.wallet;

import org.jmolecules.architecture.hexagonal.SecondaryPort;

/**
 * How far this node has seen each wallet go: the aggregate sequence of the last wallet event that a command sent on
 * this node committed (ADR 0048). A read waits for the read model to reach it, so a member sees what they just did.
 */
@SecondaryPort
public interface WalletPositions {

    /** The sequence of {@code memberId}'s last wallet event committed through this node; -1 when it knows none. */
    long lastCommitted(String memberId);
}
