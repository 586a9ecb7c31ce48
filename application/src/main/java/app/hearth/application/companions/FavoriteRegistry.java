package app.hearth.application.companions;

import java.time.Instant;
import java.util.List;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** Where members' favorite companions are kept: one row per (member, companion). */
@SecondaryPort
public interface FavoriteRegistry {

    /** A favorite and when it was made. */
    record Favorite(String memberId, String companionId, Instant favoritedAt) {
    }

    /** Adds the favorite unless it is there; true when added. */
    boolean add(String memberId, String companionId, Instant at);

    /** True when there was one to remove. */
    boolean remove(String memberId, String companionId);

    java.util.Optional<Favorite> find(String memberId, String companionId);

    /** How many favorites the member keeps, counted under a lock on the member's favorites (for the limit). */
    int countLocked(String memberId);

    /** The member's favorites, newest first, older than the position {@code before} (null for the newest). */
    List<Favorite> list(String memberId, Favorite before, int limit);

    /** Every favorite of the member, newest first (bounded by the rule's limit). */
    List<String> companionIds(String memberId);

    int removeAll(String memberId);
}
