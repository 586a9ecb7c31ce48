package app.hearth.application.access;

import app.hearth.domain.access.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/**
 * Hearth's own record of who holds which staff role: the truth, whatever a token claims. Everyone without a
 * record is a member. Each change also queues the role for the identity provider's custom claim.
 */
@SecondaryPort
public interface RoleRegistry {

    /** A staff role held since {@code grantedAt}, granted by {@code grantedBy} (as ledgers record actors). */
    record Assignment(String userId, Role role, String grantedBy, Instant grantedAt) {
    }

    /** A role the identity provider has not been told about yet. */
    record PendingClaim(String userId, Role role, long version, int attempts) {
    }

    Optional<Assignment> assignment(String userId);

    /** Records {@code role} for the user (MEMBER removes the record) and queues the claim, in the caller's transaction. */
    void assign(String userId, Role role, String grantedBy, Instant at);

    List<Assignment> holdersOf(Role role);

    /** Up to {@code limit} claims not yet published, locked for this caller (others skip them). */
    List<PendingClaim> pendingClaims(int limit);

    /** The claim was published; a newer change since then stays pending. */
    void claimPublished(PendingClaim claim, Instant at);

    void claimFailed(PendingClaim claim, String error, Instant at);
}
