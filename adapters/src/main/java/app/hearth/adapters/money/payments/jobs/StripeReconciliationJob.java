package app.hearth.adapters.money.payments.jobs;

import app.hearth.adapters.money.payments.webhooks.StripeReconciliation;
import com.stripe.exception.StripeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** The scheduled pass (cron {@code hearth.payments.stripe.reconcile-cron}, default 03:17 UTC daily). */
public final class StripeReconciliationJob {

    private static final Logger log = LoggerFactory.getLogger(StripeReconciliationJob.class);

    private final StripeReconciliation reconciliation;

    public StripeReconciliationJob(StripeReconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @Scheduled(cron = "${hearth.payments.stripe.reconcile-cron:0 17 3 * * *}", zone = "UTC")
    public void reconcile() {
        try {
            var pass = reconciliation.reconcile();
            log.info("Stripe reconciliation: {} listed, {} recorded now, {} already there, {} failed",
                    pass.listed(), pass.recorded(), pass.duplicates(), pass.failed());
        } catch (StripeException | RuntimeException failed) {
            log.warn("Stripe reconciliation failed; the next pass covers the same 72 h: {}", failed.getMessage());
        }
    }
}
