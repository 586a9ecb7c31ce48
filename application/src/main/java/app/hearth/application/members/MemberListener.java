package app.hearth.application.members;

import java.time.Instant;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/**
 * Hears of members registering (creating their profile) and of identities newly attached to them, after the
 * change is committed, once per change (the money side opens wallets and claims pending purchases here). Called
 * outside any transaction; a failure is logged and does not undo the change, so a listener that must not miss
 * one reconciles from {@link MemberProfiles} and {@link MemberIdentities}.
 */
@SecondaryPort
public interface MemberListener {

    void identityAttached(IdentityAttached attached);

    /** The member created their profile: they are registered from {@code at}. */
    default void registered(String memberId, Instant at) {
    }

    /**
     * The member is closing their account: erase what this side keeps of them. Called inside the closing
     * transaction; a failure fails the closure.
     */
    default void closing(String memberId) {
    }

    /**
     * As {@link #closing(String)}, with the pseudonym the closure is recorded under ({@code anon-…}, the same one when
     * the same user closes again), for a side that keeps something for others and must drop the member's ids from
     * it (chat keeps the companion's conversations under it, ADR 0050).
     */
    default void closing(String memberId, String pseudonym) {
        closing(memberId);
    }
}
