package app.hearth.adapters.money.payments.jobs;

import app.hearth.application.money.payments.PaymentOperations;
import app.hearth.application.money.payments.PaymentPipeline;
import app.hearth.application.money.payments.PendingPurchaseClaims;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Claims pending purchases whose keys now name a member, in case a listener call failed (it is only logged);
 * each claim is a conditional update, so nodes running this at once claim each purchase once.
 */
public final class PendingClaimSweep {

    private static final Logger log = LoggerFactory.getLogger(PendingClaimSweep.class);

    static final int BATCH = 500;
    static final Duration LONG_WAIT = Duration.ofDays(PaymentOperations.DEFAULT_PENDING_AGE_DAYS);

    private final PendingPurchaseClaims claims;
    private final PaymentPipeline pipeline;

    public PendingClaimSweep(PendingPurchaseClaims claims, PaymentPipeline pipeline) {
        this.claims = claims;
        this.pipeline = pipeline;
    }

    @Scheduled(fixedDelayString = "${hearth.payments.pending-claim-sweep:PT10M}",
            initialDelayString = "${hearth.payments.pending-claim-sweep:PT10M}")
    public void sweep() {
        try {
            int claimed = claims.claimResolvable(BATCH);
            if (claimed > 0) {
                log.info("claimed {} pending purchase(s) whose purchaser became known", claimed);
            }
            // a fact that waited this long for another is shown to a person (ADR 0031); it still waits
            int parked = pipeline.parkLongWaits(LONG_WAIT, BATCH);
            if (parked > 0) {
                log.warn("{} payment fact(s) waited more than {} for another: in the review queue", parked,
                        LONG_WAIT);
            }
        } catch (RuntimeException failed) {
            log.warn("pending purchase sweep failed; the next pass retries: {}", failed.getMessage());
        }
    }
}
