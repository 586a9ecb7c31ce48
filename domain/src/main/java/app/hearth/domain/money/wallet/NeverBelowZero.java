package app.hearth.domain.money.wallet;

import app.hearth.domain.money.wallet.Wallet.Open;
import app.hearth.domain.shared.RuleViolation;

/**
 * The balance that never goes below zero. Whatever a hold, an extension or a message takes must be available
 * first: spendable tokens (V1: the balance less what holds reserve), what is left of today's allowance (V2), usable
 * moments (V3). A hold and an extension take at most what is available; a hold or a message that cannot have its
 * least is refused with {@link WalletDecider#INSUFFICIENT_BALANCE} and nothing moves. Held units are spendable by
 * nothing else, so a capture within its hold and a refund of what is not held never take more than there is.
 */
final class NeverBelowZero {

    private NeverBelowZero() {
    }

    /** Refuses unless {@code available} covers {@code needed}; {@code what} says what was needed. */
    static void require(Open wallet, long available, long needed, String what) {
        if (available < needed) {
            throw RuleViolation.refused(WalletDecider.INSUFFICIENT_BALANCE, "the wallet of member "
                    + wallet.memberId() + " does not have " + what);
        }
    }
}
