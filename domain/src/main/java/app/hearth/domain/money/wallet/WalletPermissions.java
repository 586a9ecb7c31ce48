package app.hearth.domain.money.wallet;

import app.hearth.domain.access.Actor;
import app.hearth.domain.shared.RuleViolation;

/**
 * Who may move a wallet by hand (semantics.md, "Roles and what they may do"): members only read their own wallet;
 * admins and superadmins grant promotional tokens and run migrations.
 */
public final class WalletPermissions {

    public static final String FORBIDDEN = "WALLET_ACCESS_DENIED";

    private WalletPermissions() {
    }

    public static void requireAdminister(Actor actor) {
        if (!actor.role().isAdministrator()) {
            throw RuleViolation.forbidden(FORBIDDEN, "only admins and superadmins may do this");
        }
    }
}
