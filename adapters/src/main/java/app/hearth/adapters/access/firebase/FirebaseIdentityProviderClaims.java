package app.hearth.adapters.access.firebase;

import app.hearth.adapters.shared.security.HearthJwtAuthenticationConverter;
import app.hearth.application.access.IdentityProviderClaims;
import app.hearth.domain.access.Role;
import com.google.firebase.auth.FirebaseAuth;
import com.google.firebase.auth.FirebaseAuthException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Publishes a user's role as the Firebase custom claim {@code role} (lower case, as the local issuer writes it),
 * keeping every other custom claim the user has. Firebase puts custom claims into the next ID token it issues;
 * clients may read it, Hearth never trusts it (roles come from Hearth's own record on every request).
 *
 * <p>Read and write are two calls: a claim that another writer sets between them is lost. Hearth is the only
 * writer of custom claims today; a second writer would need its own merge.
 */
public final class FirebaseIdentityProviderClaims implements IdentityProviderClaims {

    private final FirebaseAuth auth;

    public FirebaseIdentityProviderClaims(FirebaseAuth auth) {
        this.auth = auth;
    }

    @Override
    public void publishRole(String userId, Role role) {
        try {
            Map<String, Object> claims = new HashMap<>(auth.getUser(userId).getCustomClaims());
            claims.put(HearthJwtAuthenticationConverter.ROLE_CLAIM, role.name().toLowerCase(Locale.ROOT));
            auth.setCustomUserClaims(userId, claims);
        } catch (FirebaseAuthException failed) {
            // The relay keeps the claim pending and retries with back-off.
            throw new IllegalStateException("Firebase refused the role claim of " + userId + " ("
                    + failed.getAuthErrorCode() + "): " + failed.getMessage(), failed);
        }
    }
}
