package app.hearth.application.companions;

import app.hearth.application.shared.Page;
import app.hearth.domain.access.Actor;
import java.time.Instant;
import java.util.List;
import org.jmolecules.architecture.hexagonal.PrimaryPort;

/** A member's favorite companions: added and removed idempotently, listed newest first; routing reads them. */
@PrimaryPort
public interface FavoriteCompanions {

    /** A favorite companion as the member sees it. */
    record Favorite(CompanionRegistry.Companion companion, Instant favoritedAt) {
    }

    /** Adds {@code companionId} (a companion the member may see); {@code created} false when it already was one. */
    record Added(Favorite favorite, boolean created) {
    }

    Added add(Actor actor, String companionId);

    void remove(Actor actor, String companionId);

    /** The member's favorites that are still listed companions, newest first. */
    Page<Favorite> list(Actor actor, String cursor, int limit);

    /** The member's favorite companions' ids, newest first (for routing). */
    List<String> favoriteIds(String memberId);
}
