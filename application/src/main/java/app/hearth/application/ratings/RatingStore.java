package app.hearth.application.ratings;

import app.hearth.domain.ratings.CompanionRating;
import app.hearth.domain.ratings.Rating;
import app.hearth.domain.ratings.RatingTag;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** Where ratings are kept, and the companion's rating written to their record; everything in the caller's transaction. */
@SecondaryPort
public interface RatingStore {

    /** A rating in the window, as the summary needs it. */
    record InWindow(int stars, Set<RatingTag> tags, Instant givenAt) {

        public CompanionRating.Given given() {
            return new CompanionRating.Given(stars, givenAt);
        }
    }

    /**
     * Locks the companion's rating bookkeeping until the transaction ends (created on first use): a companion's
     * ratings and recomputes run one at a time, each after the others committed.
     */
    void lockCompanion(String companionId);

    Optional<Rating> find(String subjectKey);

    /** Adds a first rating; false when its subject was rated meanwhile. */
    boolean insert(Rating rating);

    /** Stores a changed rating (same id and subject). */
    void update(Rating rating);

    /** The companion's ratings first given after {@code since}. */
    List<InWindow> givenSince(String companionId, Instant since);

    /**
     * Writes the companion's rating to their record ({@code companion.rating}, {@code rating_count}) and when it must
     * be computed again ({@link CompanionRating#nextChangeAt()}).
     */
    void saveCompanionRating(String companionId, CompanionRating rating);

    /** Locks (skipping rows other nodes hold) up to {@code limit} companions whose rating is due at {@code now}. */
    List<String> lockDue(Instant now, int limit);

    /** Whether the member and the companion of the conversation each sent a message in [{@code from}, {@code to}). */
    boolean bothWrote(String conversationId, Instant from, Instant to);
}
