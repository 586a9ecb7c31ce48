package app.hearth.application.money.wallet;

import app.hearth.application.members.IdentityAttached;
import app.hearth.application.members.MemberListener;
import java.time.Instant;

/** Opens a member's wallet when they register, on the version configured for new members. */
public class WalletMemberListener implements MemberListener {

    private final Wallets wallets;

    public WalletMemberListener(Wallets wallets) {
        this.wallets = wallets;
    }

    @Override
    public void registered(String memberId, Instant at) {
        wallets.open(memberId, at);
    }

    @Override
    public void identityAttached(IdentityAttached attached) {
        // pending purchases are claimed by the payment side; a wallet needs nothing here
    }
}
