package app.hearth.domain.members;

import app.hearth.domain.access.Role;
import app.hearth.domain.shared.RuleViolation;

/**
 * Who may close their own account: a member. A user holding a staff role (companion and above) must have it
 * revoked first, so that nobody closes away an account that staff work, ledgers and teams depend on.
 */
public final class AccountClosure {

    public static final String STAFF_FORBIDDEN = "STAFF_ACCOUNT_CLOSE_FORBIDDEN";

    private AccountClosure() {
    }

    public static void requireMayClose(Role role) {
        if (role != Role.MEMBER) {
            throw RuleViolation.conflict(STAFF_FORBIDDEN, "a user holding a staff role cannot close their account "
                    + "here; the role has to be revoked first");
        }
    }
}
