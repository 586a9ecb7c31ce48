package app.hearth.application.money.payments;

import app.hearth.application.members.IdentityAttached;
import app.hearth.application.members.MemberListener;
import app.hearth.application.money.payments.PendingPurchases.ClaimKey;
import java.time.Instant;

/**
 * Claims pending purchases when a member registers (their echoed member id) or attaches an identity a pending
 * purchase names (an Adapty profile id or a Stripe customer id). Each is claimed exactly once however many nodes
 * hear of it; what a missed notification leaves behind, {@link PaymentPipeline#claimResolvable} picks up.
 */
public class PendingPurchaseClaims implements MemberListener {

    private static final System.Logger log = System.getLogger(PendingPurchaseClaims.class.getName());

    private final PaymentPipeline pipeline;

    public PendingPurchaseClaims(PaymentPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public void registered(String memberId, Instant at) {
        report(pipeline.claim(ClaimKey.MEMBER_ID, memberId, memberId), memberId, "registering");
    }

    @Override
    public void identityAttached(IdentityAttached attached) {
        ClaimKey key = switch (attached.kind()) {
            case ADAPTY_PROFILE_ID -> ClaimKey.ADAPTY_PROFILE_ID;
            case STRIPE_CUSTOMER_ID -> ClaimKey.STRIPE_CUSTOMER_ID;
            case APP_INSTALL_ID -> null;
        };
        if (key != null) {
            report(pipeline.claim(key, attached.value(), attached.userId()), attached.userId(),
                    "attaching a " + attached.kind().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static void report(int claimed, String memberId, String how) {
        if (claimed > 0) {
            log.log(System.Logger.Level.INFO, "member {0} claimed {1} pending purchase(s) by {2}", memberId, claimed,
                    how);
        }
    }
}
