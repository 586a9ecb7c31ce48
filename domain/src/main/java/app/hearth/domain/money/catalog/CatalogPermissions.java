package app.hearth.domain.money.catalog;

import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.shared.RuleViolation;

/** Prices and tiers are set by superadmins only (semantics.md, "Roles and what they may do"). */
public final class CatalogPermissions {

    public static final String FORBIDDEN = "CATALOG_ACCESS_DENIED";

    private CatalogPermissions() {
    }

    public static void requirePublish(Actor actor) {
        if (actor.role() != Role.SUPERADMIN) {
            throw RuleViolation.forbidden(FORBIDDEN, "only superadmins publish catalogs");
        }
    }
}
