package app.hearth.domain.companions;

import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.shared.RuleViolation;

/**
 * A member's favorite companions (semantics.md "Routing": continuity first, favorites before recent companions).
 * Only members keep favorites; a companion can be made a favorite while a member may see them (active), and at most
 * {@value #MOST} are kept, so routing reads a bounded list. Adding or removing again changes nothing.
 */
public final class Favorites {

    public static final int MOST = 100;
    public static final String MEMBERS_ONLY = "FAVORITES_MEMBERS_ONLY";
    public static final String FULL = "FAVORITES_FULL";

    private Favorites() {
    }

    /** Only a member has favorites. */
    public static void requireMember(Actor actor) {
        if (actor.role() != Role.MEMBER) {
            throw RuleViolation.forbidden(MEMBERS_ONLY, "only members keep favorite companions");
        }
    }

    /** A new favorite needs room: {@code held} are kept already. */
    public static void requireRoom(int held) {
        if (held >= MOST) {
            throw RuleViolation.refused(FULL, "a member keeps at most " + MOST
                    + " favorite companions; remove one to add another");
        }
    }
}
