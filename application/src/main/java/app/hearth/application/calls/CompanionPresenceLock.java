package app.hearth.application.calls;

import org.jmolecules.architecture.hexagonal.SecondaryPort;

/**
 * Locks a companion's derived presence for the caller's transaction (adr/0053, adr/0054). Every transaction that
 * rings a companion takes this lock before it claims the companion's line, a direct call as a routed one, so two
 * of them never wait on each other in opposite orders, and the second sees what the first did.
 */
@SecondaryPort
@FunctionalInterface
public interface CompanionPresenceLock {

    /** Locks the companion's presence until the transaction ends; whether it is {@code AVAILABLE} under the lock. */
    boolean lockAvailable(String companionId);
}
