package app.hearth.adapters.access.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.ROLE_CLAIM;
import static app.hearth.adapters.shared.jooq.generated.Tables.USER_ROLE;

import app.hearth.adapters.shared.notify.PgNotifications;
import app.hearth.application.access.RoleRegistry;
import app.hearth.domain.access.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Roles in {@code user_role}; claims to publish in {@code role_claim}, one row per user, newest change wins. A change
 * makes every node forget the user's {@link RecentRoles remembered role} once it commits.
 */
@Component
public class JooqRoleRegistry implements RoleRegistry {

    private static final Duration LONGEST_BACKOFF = Duration.ofMinutes(10);

    private final DSLContext sql;
    private final RecentRoles recent;
    private final PgNotifications notifications;

    public JooqRoleRegistry(DSLContext sql, RecentRoles recent, PgNotifications notifications) {
        this.sql = sql;
        this.recent = recent;
        this.notifications = notifications;
    }

    @Override
    public Optional<Assignment> assignment(String userId) {
        return sql.selectFrom(USER_ROLE).where(USER_ROLE.USER_ID.eq(userId))
                .fetchOptional(row -> new Assignment(row.getUserId(), Role.valueOf(row.getRole()),
                        row.getGrantedBy(), row.getGrantedAt().toInstant()));
    }

    @Override
    public void assign(String userId, Role role, String grantedBy, Instant at) {
        OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
        if (role == Role.MEMBER) {
            sql.deleteFrom(USER_ROLE).where(USER_ROLE.USER_ID.eq(userId)).execute();
        } else {
            sql.insertInto(USER_ROLE)
                    .set(USER_ROLE.USER_ID, userId).set(USER_ROLE.ROLE, role.name())
                    .set(USER_ROLE.GRANTED_BY, grantedBy).set(USER_ROLE.GRANTED_AT, when)
                    .onConflict(USER_ROLE.USER_ID).doUpdate()
                    .set(USER_ROLE.ROLE, role.name()).set(USER_ROLE.GRANTED_BY, grantedBy)
                    .set(USER_ROLE.GRANTED_AT, when)
                    .execute();
        }
        sql.insertInto(ROLE_CLAIM)
                .set(ROLE_CLAIM.USER_ID, userId).set(ROLE_CLAIM.ROLE, role.name()).set(ROLE_CLAIM.VERSION, 1L)
                .set(ROLE_CLAIM.REQUESTED_AT, when).set(ROLE_CLAIM.NEXT_ATTEMPT_AT, when)
                .onConflict(ROLE_CLAIM.USER_ID).doUpdate()
                .set(ROLE_CLAIM.ROLE, role.name())
                .set(ROLE_CLAIM.VERSION, ROLE_CLAIM.VERSION.plus(1))
                .set(ROLE_CLAIM.REQUESTED_AT, when)
                .set(ROLE_CLAIM.ATTEMPTS, 0)
                .set(ROLE_CLAIM.NEXT_ATTEMPT_AT, when)
                .execute();
        forgetOnCommit(userId);
    }

    /**
     * The other nodes hear of the change from PostgreSQL at the commit (a notification in this transaction; none for
     * a rollback); this node forgets right after the commit, before the caller answers anyone.
     */
    private void forgetOnCommit(String userId) {
        sql.select(DSL.function("pg_notify", Object.class, DSL.val(RecentRoles.CHANNEL),
                DSL.val(notifications.ownPayload(userId)))).fetch();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    recent.forget(userId);
                }
            });
        } else {
            recent.forget(userId);
        }
    }

    @Override
    public List<Assignment> holdersOf(Role role) {
        return sql.selectFrom(USER_ROLE).where(USER_ROLE.ROLE.eq(role.name())).orderBy(USER_ROLE.USER_ID)
                .fetch(row -> new Assignment(row.getUserId(), Role.valueOf(row.getRole()), row.getGrantedBy(),
                        row.getGrantedAt().toInstant()));
    }

    @Override
    public List<PendingClaim> pendingClaims(int limit) {
        return sql.selectFrom(ROLE_CLAIM)
                .where(ROLE_CLAIM.PUBLISHED_VERSION.lt(ROLE_CLAIM.VERSION))
                .and(ROLE_CLAIM.NEXT_ATTEMPT_AT.le(DSL.currentOffsetDateTime()))
                .orderBy(ROLE_CLAIM.NEXT_ATTEMPT_AT)
                .limit(limit)
                .forUpdate().skipLocked()
                .fetch(row -> new PendingClaim(row.getUserId(), Role.valueOf(row.getRole()), row.getVersion(),
                        row.getAttempts()));
    }

    @Override
    public void claimPublished(PendingClaim claim, Instant at) {
        sql.update(ROLE_CLAIM)
                .set(ROLE_CLAIM.PUBLISHED_VERSION, claim.version())
                .set(ROLE_CLAIM.PUBLISHED_AT, at.atOffset(ZoneOffset.UTC))
                .set(ROLE_CLAIM.LAST_ERROR, (String) null)
                .where(ROLE_CLAIM.USER_ID.eq(claim.userId()))
                .and(ROLE_CLAIM.PUBLISHED_VERSION.lt(claim.version()))
                .execute();
    }

    @Override
    public void claimFailed(PendingClaim claim, String error, Instant at) {
        int attempts = claim.attempts() + 1;
        Duration backoff = Duration.ofSeconds(Math.min(LONGEST_BACKOFF.toSeconds(), 1L << Math.min(attempts, 20)));
        sql.update(ROLE_CLAIM)
                .set(ROLE_CLAIM.ATTEMPTS, attempts)
                .set(ROLE_CLAIM.LAST_ERROR, error.length() > 2000 ? error.substring(0, 2000) : error)
                .set(ROLE_CLAIM.NEXT_ATTEMPT_AT, at.plus(backoff).atOffset(ZoneOffset.UTC))
                .where(ROLE_CLAIM.USER_ID.eq(claim.userId()))
                .and(ROLE_CLAIM.VERSION.eq(claim.version()))
                .execute();
    }
}
