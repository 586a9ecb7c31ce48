package app.hearth.application.companions;

import app.hearth.domain.companions.CompanionProfile;
import app.hearth.domain.companions.CompanionSearch;
import app.hearth.domain.companions.CompanionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** Where companions are kept: one record per companion, keyed by their user id. */
@SecondaryPort
public interface CompanionRegistry {

    /**
     * A companion as recorded. {@code profile} is null until they first save it; {@code rating} is null until
     * members have rated them; {@code availableSince} is null while they are not available: derived presence
     * ({@code companion_presence.state = 'AVAILABLE'}, adr/0053) of an active companion, never a switch.
     */
    record Companion(String companionId, CompanionStatus status, String displayName, CompanionProfile profile,
                     String teamId, Double rating, int ratingCount, String invitedBy, Instant invitedAt,
                     Instant updatedAt, Instant availableSince) {

        public boolean available() {
            return availableSince != null;
        }
    }

    /** The filters, resolved against today's year, after the companion id {@code afterId} (ascending). */
    record Query(CompanionSearch search, Integer latestBirthYear, Integer earliestBirthYear, String afterId,
                 int limit) {
    }

    Optional<Companion> find(String companionId);

    /** Reads and locks the record until the transaction ends. */
    Optional<Companion> lock(String companionId);

    /** Records an invitation; false when the companion already exists. */
    boolean invite(String companionId, String displayName, String invitedBy, Instant at);

    void saveProfile(String companionId, CompanionProfile profile, CompanionStatus status, Instant at);

    void setStatus(String companionId, CompanionStatus status, Instant at);

    void setTeam(String companionId, String teamId, Instant at);

    /** Active companions matching every filter, ordered by id. */
    List<Companion> search(Query query);

    /** The ids of the companions in a team, ordered. */
    List<String> inTeam(String teamId);
}
