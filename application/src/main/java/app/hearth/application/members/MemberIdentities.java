package app.hearth.application.members;

import app.hearth.domain.members.MemberIdentity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** Identities attached to members; each (kind, value) belongs to at most one member, enforced by the store. */
@SecondaryPort
public interface MemberIdentities {

    /** An identity and when it was attached. */
    record Attached(MemberIdentity identity, Instant attachedAt) {
    }

    /** What an attach did. */
    enum Outcome { ATTACHED, ALREADY_YOURS, TAKEN }

    /**
     * Attaches the identity to the user unless someone holds it, in the caller's transaction. Of two concurrent
     * attaches of one identity to different users exactly one is ATTACHED; the other waits and sees TAKEN.
     */
    Outcome attach(String userId, MemberIdentity identity, Instant at);

    /** The user's identities, oldest first. */
    List<Attached> of(String userId);

    /** The identity as the user holds it. */
    Attached held(String userId, MemberIdentity identity);

    /** Who holds the identity, if anyone (added for the payment pipeline, which resolves purchasers by it). */
    Optional<String> holderOf(MemberIdentity identity);

    /** Erases all of the user's identities; returns how many there were. */
    int detachAll(String userId);
}
