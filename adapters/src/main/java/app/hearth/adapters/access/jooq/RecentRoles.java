package app.hearth.adapters.access.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.USER_ROLE;

import app.hearth.adapters.shared.notify.PgNotifications;
import app.hearth.application.access.CallerRoles;
import app.hearth.domain.access.Role;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jooq.DSLContext;

/**
 * The role of each recent caller, kept in memory so that authenticating a request does not read {@code user_role}
 * (adr/0027): every request asks for its caller's role, a heartbeat every 10 s per participant.
 *
 * <p>A remembered role is used only while it cannot be stale:
 * <ul>
 *   <li>{@link JooqRoleRegistry} forgets a user on this node when its change commits, and notifies the other nodes
 *   in the same transaction (PostgreSQL delivers at the commit, never for a rollback); they forget on hearing it;</li>
 *   <li>a role is remembered only under the listening connection it was read under: while no connection listens,
 *   or once a new one replaced it (notifications in between may be lost), nothing remembered is used;</li>
 *   <li>a read that raced with a change is not remembered (every forget moves a counter the read compares);</li>
 *   <li>nothing is used longer than {@code longest} (a last bound should a notification still be missed).</li>
 * </ul>
 * Writes never use this: deciding on a role (granting, revoking, closing an account) reads the registry itself.
 */
public final class RecentRoles implements CallerRoles {

    /** The channel on which a changed user id is notified. */
    public static final String CHANNEL = "hearth_role_changed";
    /** Beyond this many remembered callers everything is forgotten (and read again as callers come back). */
    static final int MOST_REMEMBERED = 200_000;

    private record Remembered(Role role, long generation, long readAtNanos) {
    }

    private final Function<String, Role> registry;
    private final LongSupplier generation;
    private final LongSupplier nanoTime;
    private final long longestNanos;
    private final ConcurrentHashMap<String, Remembered> roles = new ConcurrentHashMap<>();
    private final AtomicLong forgets = new AtomicLong();

    /**
     * @param registry   the role recorded now for a user id (MEMBER without a record)
     * @param generation the listening connection open now, 0 when none ({@link PgNotifications#listeningGeneration})
     * @param longest    how long a role may be used at most; zero remembers nothing
     */
    public RecentRoles(Function<String, Role> registry, LongSupplier generation, Duration longest,
                       LongSupplier nanoTime) {
        if (longest.isNegative()) {
            throw new IllegalArgumentException("the longest time a role is remembered must not be negative");
        }
        this.registry = registry;
        this.generation = generation;
        this.longestNanos = longest.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Reads {@code user_role}, and forgets whatever another node notifies on {@link #CHANNEL}. */
    public static RecentRoles of(DSLContext sql, PgNotifications notifications, Duration longest) {
        var recent = new RecentRoles(userId -> sql.select(USER_ROLE.ROLE).from(USER_ROLE)
                .where(USER_ROLE.USER_ID.eq(userId)).fetchOptional(USER_ROLE.ROLE)
                .map(Role::valueOf).orElse(Role.MEMBER), notifications::listeningGeneration, longest,
                System::nanoTime);
        notifications.subscribe(CHANNEL, recent::forget);
        return recent;
    }

    /** The role Hearth records for {@code userId}: remembered while that is safe, otherwise read (and remembered). */
    @Override
    public Role roleOf(String userId) {
        long listening = generation.getAsLong();
        long now = nanoTime.getAsLong();
        Remembered remembered = roles.get(userId);
        if (remembered != null && remembered.generation() == listening && listening != 0
                && now - remembered.readAtNanos() < longestNanos) {
            return remembered.role();
        }
        long forgetsBefore = forgets.get();
        Role role = registry.apply(userId);
        if (listening != 0 && longestNanos > 0) {
            if (roles.size() >= MOST_REMEMBERED) {
                roles.clear();
            }
            var fresh = new Remembered(role, listening, now);
            // atomic with forget(userId) on the same key: a forget before this keeps the read out, one after removes it
            roles.compute(userId, (id, old) -> forgets.get() == forgetsBefore ? fresh : old);
        }
        return role;
    }

    /** The role of {@code userId} changed (or may have): the next request reads it. */
    public void forget(String userId) {
        roles.compute(userId, (id, old) -> {
            forgets.incrementAndGet();
            return null;
        });
    }

    /** Whether a role of {@code userId} is in memory now (used or not). */
    public boolean remembers(String userId) {
        return roles.containsKey(userId);
    }

    /** How many callers are remembered now (for tests and operators). */
    public int size() {
        return roles.size();
    }
}
