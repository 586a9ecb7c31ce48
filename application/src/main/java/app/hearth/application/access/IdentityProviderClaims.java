package app.hearth.application.access;

import app.hearth.domain.access.Role;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/**
 * Tells the identity provider (Firebase Auth in production) a user's role, as a custom claim, so the next token
 * it issues carries it. A convenience for clients only: Hearth reads roles from {@link RoleRegistry}.
 */
@SecondaryPort
public interface IdentityProviderClaims {

    void publishRole(String userId, Role role);
}
