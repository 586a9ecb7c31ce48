package app.hearth.domain.routing;

import java.time.Instant;
import java.util.Set;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * An available companion with the facts the ranking needs.
 *
 * @param languages            the languages they speak (ISO 639-1)
 * @param skills               their skill categories (names, as the member's interests)
 * @param gender               their gender's name, or null when not told
 * @param favoriteRank         0 for the member's newest favorite, 1 the next, ...; null when not a favorite
 * @param lastTalkedAt         the member's latest call or conversation with them in the last 30 days, or null
 * @param connectedSecondsToday their connected call time today
 * @param idleSince            since when they have been free: the later of their presence's {@code state_since} and
 *                             their last call's end
 * @param newMembersLastHour   how many members routing offered them in the last hour
 */
@ValueObject
public record RoutingCandidate(String companionId, Set<String> languages, Set<String> skills, String gender,
                               Integer favoriteRank, Instant lastTalkedAt, long connectedSecondsToday,
                               Instant idleSince, int newMembersLastHour) {

    public RoutingCandidate {
        languages = Set.copyOf(languages);
        skills = Set.copyOf(skills);
    }

    public RoutingCandidate withFavoriteRank(Integer rank) {
        return new RoutingCandidate(companionId, languages, skills, gender, rank, lastTalkedAt,
                connectedSecondsToday, idleSince, newMembersLastHour);
    }
}
