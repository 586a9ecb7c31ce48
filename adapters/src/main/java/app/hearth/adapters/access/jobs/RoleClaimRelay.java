package app.hearth.adapters.access.jobs;

import app.hearth.application.access.AccessAdministration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Publishes queued role claims to the identity provider, with back-off per user on failure: the scheduled pass
 * ({@code hearth.access.claim-relay-delay}); several nodes share the queue (rows are locked, others skip them).
 */
public final class RoleClaimRelay {

    private static final Logger log = LoggerFactory.getLogger(RoleClaimRelay.class);

    private final AccessAdministration access;
    private final int batch;

    public RoleClaimRelay(AccessAdministration access, int batch) {
        this.access = access;
        this.batch = batch;
    }

    @Scheduled(fixedDelayString = "${hearth.access.claim-relay-delay:PT2S}")
    public void publish() {
        try {
            int published = access.publishPendingClaims(batch);
            if (published > 0) {
                log.info("published {} role claim(s) to the identity provider", published);
            }
        } catch (RuntimeException failed) {
            log.warn("role claim relay pass failed; the next pass retries: {}", failed.getMessage());
        }
    }
}
