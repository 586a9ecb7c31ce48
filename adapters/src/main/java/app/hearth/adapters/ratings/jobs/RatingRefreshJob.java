package app.hearth.adapters.ratings.jobs;

import app.hearth.application.ratings.Ratings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Computes again the ratings of companions whose oldest rating left the 30-day window
 * ({@code hearth.ratings.refresh-delay}); several nodes share the due rows (locked, others skip them).
 */
public final class RatingRefreshJob {

    private static final Logger log = LoggerFactory.getLogger(RatingRefreshJob.class);

    private final Ratings ratings;
    private final int batch;

    public RatingRefreshJob(Ratings ratings, int batch) {
        this.ratings = ratings;
        this.batch = batch;
    }

    @Scheduled(fixedDelayString = "${hearth.ratings.refresh-delay:PT10M}",
            initialDelayString = "${hearth.ratings.refresh-delay:PT10M}")
    public void refresh() {
        try {
            int refreshed;
            do {
                refreshed = ratings.refreshDue(batch);
                if (refreshed > 0) {
                    log.info("computed again the rating of {} companion(s) whose oldest rating left the window",
                            refreshed);
                }
            } while (refreshed == batch);
        } catch (RuntimeException failed) {
            log.warn("rating refresh pass failed; the next pass retries: {}", failed.getMessage());
        }
    }
}
