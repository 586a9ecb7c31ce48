package app.hearth.application.access;

import app.hearth.domain.access.Role;

/**
 * The role a caller holds now, as authentication reads it on every request: possibly remembered for a short while,
 * never stale once a change has committed (adr/0027). Writes never decide on it; they read the {@link RoleRegistry}.
 */
@FunctionalInterface
public interface CallerRoles {

    /** The caller's role now; MEMBER for a user id with no role recorded. */
    Role roleOf(String userId);
}
