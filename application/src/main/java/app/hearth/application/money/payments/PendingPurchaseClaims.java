package app.hearth.application.money.payments;

import app.hearth.application.members.IdentityAttached;
import app.hearth.application.members.MemberListener;
import app.hearth.application.money.payments.PaymentFacts.Status;
import app.hearth.application.money.payments.PaymentPipeline.Purchaser;
import app.hearth.application.money.payments.PendingPurchases.ClaimKey;
import app.hearth.domain.money.payments.Prerequisite;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Claims pending purchases (semantics.md "Payment events", step 6) when a member registers (their echoed member
 * id) or attaches an identity a pending purchase names (an Adapty profile id or a Stripe customer id), and, by the
 * sweep, whatever a missed notification left behind. Each is claimed exactly once however many nodes hear of it:
 * each claim is one transaction of the {@link PaymentPipeline}, which locks the fact first and then claims
 * conditionally (the same order as the pipeline's own), and hands the fact on to the wallets.
 */
public class PendingPurchaseClaims implements MemberListener {

    private static final System.Logger log = System.getLogger(PendingPurchaseClaims.class.getName());
    /** How many pending purchases one page of the sweep reads. */
    static final int PAGE = 100;

    private final PaymentPipeline pipeline;
    private final PendingPurchases pending;
    private final PaymentFacts facts;
    private final Clock clock;

    public PendingPurchaseClaims(PaymentPipeline pipeline, PendingPurchases pending, PaymentFacts facts,
                                 Clock clock) {
        this.pipeline = pipeline;
        this.pending = pending;
        this.facts = facts;
        this.clock = clock;
    }

    @Override
    public void registered(String memberId, Instant at) {
        report(claim(ClaimKey.MEMBER_ID, memberId, memberId), memberId, "registering");
    }

    @Override
    public void identityAttached(IdentityAttached attached) {
        ClaimKey key = switch (attached.kind()) {
            case ADAPTY_PROFILE_ID -> ClaimKey.ADAPTY_PROFILE_ID;
            case STRIPE_CUSTOMER_ID -> ClaimKey.STRIPE_CUSTOMER_ID;
            case APP_INSTALL_ID -> null;
        };
        if (key != null) {
            report(claim(key, attached.value(), attached.userId()), attached.userId(),
                    "attaching a " + attached.kind().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static void report(int claimed, String memberId, String how) {
        if (claimed > 0) {
            log.log(System.Logger.Level.INFO, "member {0} claimed {1} pending purchase(s) by {2}", memberId, claimed,
                    how);
        }
    }

    /**
     * Claims for the member every unclaimed pending purchase whose {@code key} is {@code value}, each in its own
     * transaction, and hands each to the wallets; returns how many this call claimed.
     */
    public int claim(ClaimKey key, String value, String memberId) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        int claimed = 0;
        for (PendingPurchases.Pending waiting : pending.unclaimedWith(key, value)) {
            if (claimOne(waiting, memberId, key)) {
                claimed++;
            }
        }
        return claimed;
    }

    /**
     * Claims what the listener may have missed (it is told after commit, and a failure there is only logged):
     * looks at up to {@code batch} unclaimed pending purchases, oldest first, and claims each whose keys now name
     * a member. Returns how many it claimed.
     */
    public int claimResolvable(int batch) {
        int claimed = 0;
        Long after = null;
        int seen = 0;
        while (seen < batch) {
            var page = pending.unclaimedBefore(clock.instant(), after, Math.min(PAGE, batch - seen));
            if (page.isEmpty()) {
                break;
            }
            for (PendingPurchases.Pending waiting : page) {
                Optional<Purchaser> purchaser = pipeline.purchaser(waiting.keys());
                if (purchaser.isPresent() && claimOne(waiting, purchaser.get().memberId(), purchaser.get().with())) {
                    claimed++;
                }
            }
            seen += page.size();
            after = page.getLast().pendingId();
        }
        return claimed;
    }

    private boolean claimOne(PendingPurchases.Pending waiting, String memberId, ClaimKey with) {
        return pipeline.inPipelineTransaction((now, refusals) -> claimInTransaction(waiting, memberId, with, now,
                refusals));
    }

    private boolean claimInTransaction(PendingPurchases.Pending waiting, String memberId, ClaimKey with,
                                       Instant now, Map<String, String> refusals) {
        // the same order as a notification's transaction: first the facts' meeting names, then the fact's row
        facts.meet(Prerequisite.meetingNames(facts.find(waiting.dedupeKey()).orElseThrow().event()));
        PaymentFacts.Fact fact = facts.lock(waiting.dedupeKey()).orElseThrow();
        Optional<PendingPurchases.Pending> current = pending.unclaimedOf(waiting.dedupeKey());
        if (current.isEmpty()) {
            return false;
        }
        String echoed = current.get().keys().memberId();
        if (with != ClaimKey.MEMBER_ID && echoed != null && !echoed.equals(memberId)) {
            log.log(System.Logger.Level.WARNING, "ALERT member {0} holds a {1} of pending purchase {2}, which the "
                    + "provider made for member {3}: not claimed, left for support", memberId, with.code(),
                    waiting.dedupeKey(), echoed);
            return false;
        }
        if (!pending.claim(waiting.pendingId(), memberId, with, now)) {
            return false;
        }
        Status status = pipeline.handOn(memberId, fact.event(), now, refusals, true);
        log.log(System.Logger.Level.INFO, "pending purchase {0} claimed by member {1} with {2}: {3}",
                waiting.dedupeKey(), memberId, with.code(), status);
        return true;
    }
}
