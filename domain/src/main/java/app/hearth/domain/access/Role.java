package app.hearth.domain.access;

import java.util.Locale;
import java.util.Optional;

/** The roles of Hearth, from member to superadmin. Staff are the last four. */
public enum Role {
    MEMBER,
    COMPANION,
    SUPERVISOR,
    ADMIN,
    SUPERADMIN;

    /** The role named {@code name} (any case), if there is one. */
    public static Optional<Role> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    /** Runs operations: admin or superadmin. */
    public boolean isAdministrator() {
        return this == ADMIN || this == SUPERADMIN;
    }

    /** Leads companions: supervisor, admin or superadmin. */
    public boolean isSupervisorOrAbove() {
        return this == SUPERVISOR || isAdministrator();
    }
}
