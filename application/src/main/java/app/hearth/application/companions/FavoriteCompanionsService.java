package app.hearth.application.companions;

import app.hearth.application.members.IdentityAttached;
import app.hearth.application.members.MemberListener;
import app.hearth.application.shared.Cursors;
import app.hearth.application.shared.Page;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.access.Actor;
import app.hearth.domain.companions.CompanionRules;
import app.hearth.domain.companions.Favorites;
import app.hearth.domain.shared.RuleViolation;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Favorites over the {@link FavoriteRegistry}; the companion is checked with {@link Companions#find} (so a member
 * favorites only a companion they may see). Closing an account erases the member's favorites.
 */
public class FavoriteCompanionsService implements FavoriteCompanions, MemberListener {

    private static final String CURSOR = "f";

    private final FavoriteRegistry favorites;
    private final Companions companions;
    private final CompanionRegistry registry;
    private final Transactions transactions;
    private final Clock clock;

    public FavoriteCompanionsService(FavoriteRegistry favorites, Companions companions, CompanionRegistry registry,
                                     Transactions transactions, Clock clock) {
        this.favorites = favorites;
        this.companions = companions;
        this.registry = registry;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Added add(Actor actor, String companionId) {
        Favorites.requireMember(actor);
        var companion = companions.find(actor, companionId);
        return transactions.inTransaction(() -> {
            int held = favorites.countLocked(actor.userId());
            var existing = favorites.find(actor.userId(), companionId);
            if (existing.isPresent()) {
                return new Added(new Favorite(companion, existing.get().favoritedAt()), false);
            }
            Favorites.requireRoom(held);
            // stored to the microsecond, as PostgreSQL keeps it, so that the cursor names a stored position
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            favorites.add(actor.userId(), companionId, now);
            return new Added(new Favorite(companion, now), true);
        });
    }

    @Override
    public void remove(Actor actor, String companionId) {
        Favorites.requireMember(actor);
        favorites.remove(actor.userId(), companionId);
    }

    @Override
    public Page<Favorite> list(Actor actor, String cursor, int limit) {
        Favorites.requireMember(actor);
        int size = Cursors.limit(limit);
        FavoriteRegistry.Favorite before = position(actor.userId(), Cursors.decode(CURSOR, cursor));
        var found = favorites.list(actor.userId(), before, size + 1);
        boolean more = found.size() > size;
        var page = more ? found.subList(0, size) : found;
        List<Favorite> visible = new ArrayList<>();
        for (var favorite : page) {
            registry.find(favorite.companionId())
                    .filter(companion -> CompanionRules.isVisible(actor, companion.companionId(),
                            companion.status()))
                    .ifPresent(companion -> visible.add(new Favorite(companion, favorite.favoritedAt())));
        }
        String next = more ? Cursors.encode(CURSOR, ChronoUnit.MICROS.between(Instant.EPOCH,
                page.getLast().favoritedAt()) + "|" + page.getLast().companionId()) : null;
        return new Page<>(visible, next);
    }

    @Override
    public List<String> favoriteIds(String memberId) {
        return favorites.companionIds(memberId);
    }

    @Override
    public void identityAttached(IdentityAttached attached) {
        // favorites do not depend on identities
    }

    @Override
    public void closing(String memberId) {
        favorites.removeAll(memberId);
    }

    private static FavoriteRegistry.Favorite position(String memberId, String decoded) {
        if (decoded == null) {
            return null;
        }
        int bar = decoded.indexOf('|');
        try {
            Instant at = Instant.EPOCH.plus(Long.parseLong(decoded.substring(0, bar)), ChronoUnit.MICROS);
            return new FavoriteRegistry.Favorite(memberId, decoded.substring(bar + 1), at);
        } catch (RuntimeException malformed) {
            throw RuleViolation.invalid(Cursors.INVALID_CURSOR, "cursor",
                    "the cursor is not one this API gave out");
        }
    }
}
