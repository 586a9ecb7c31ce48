package app.hearth.adapters.members.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.MEMBER_IDENTITY;

import app.hearth.adapters.shared.jooq.generated.tables.records.MemberIdentityRecord;
import app.hearth.application.members.MemberIdentities;
import app.hearth.domain.members.IdentityKind;
import app.hearth.domain.members.MemberIdentity;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Identities in {@code member_identity}, whose primary key (kind, value) is what makes one member the only
 * holder: an insert that meets a row, committed or not, waits for it and then does nothing.
 */
@Component
public class JooqMemberIdentities implements MemberIdentities {

    private final DSLContext sql;

    public JooqMemberIdentities(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public Outcome attach(String userId, MemberIdentity identity, Instant at) {
        // a holder found by one statement can detach (close their account) before the next: look again
        for (int attempt = 0; attempt < 3; attempt++) {
            int inserted = sql.insertInto(MEMBER_IDENTITY)
                    .set(MEMBER_IDENTITY.KIND, identity.kind().name())
                    .set(MEMBER_IDENTITY.VALUE, identity.value())
                    .set(MEMBER_IDENTITY.USER_ID, userId)
                    .set(MEMBER_IDENTITY.ATTACHED_AT, at.atOffset(ZoneOffset.UTC))
                    .onConflict(MEMBER_IDENTITY.KIND, MEMBER_IDENTITY.VALUE).doNothing()
                    .execute();
            if (inserted == 1) {
                return Outcome.ATTACHED;
            }
            var holder = sql.select(MEMBER_IDENTITY.USER_ID).from(MEMBER_IDENTITY)
                    .where(MEMBER_IDENTITY.KIND.eq(identity.kind().name()))
                    .and(MEMBER_IDENTITY.VALUE.eq(identity.value()))
                    .fetchOptional(MEMBER_IDENTITY.USER_ID);
            if (holder.isPresent()) {
                return holder.get().equals(userId) ? Outcome.ALREADY_YOURS : Outcome.TAKEN;
            }
        }
        throw new IllegalStateException("identity " + identity.kind().code() + " kept changing holders");
    }

    @Override
    public List<Attached> of(String userId) {
        return sql.selectFrom(MEMBER_IDENTITY).where(MEMBER_IDENTITY.USER_ID.eq(userId))
                .orderBy(MEMBER_IDENTITY.ATTACHED_AT, MEMBER_IDENTITY.KIND, MEMBER_IDENTITY.VALUE)
                .fetch(JooqMemberIdentities::attached);
    }

    @Override
    public Attached held(String userId, MemberIdentity identity) {
        return sql.selectFrom(MEMBER_IDENTITY)
                .where(MEMBER_IDENTITY.KIND.eq(identity.kind().name()))
                .and(MEMBER_IDENTITY.VALUE.eq(identity.value()))
                .and(MEMBER_IDENTITY.USER_ID.eq(userId))
                .fetchSingle(JooqMemberIdentities::attached);
    }

    @Override
    public Optional<String> holderOf(MemberIdentity identity) {
        return sql.select(MEMBER_IDENTITY.USER_ID).from(MEMBER_IDENTITY)
                .where(MEMBER_IDENTITY.KIND.eq(identity.kind().name()))
                .and(MEMBER_IDENTITY.VALUE.eq(identity.value()))
                .fetchOptional(MEMBER_IDENTITY.USER_ID);
    }

    @Override
    public int detachAll(String userId) {
        return sql.deleteFrom(MEMBER_IDENTITY).where(MEMBER_IDENTITY.USER_ID.eq(userId)).execute();
    }

    private static Attached attached(MemberIdentityRecord row) {
        return new Attached(new MemberIdentity(IdentityKind.valueOf(row.getKind()), row.getValue()),
                row.getAttachedAt().toInstant());
    }
}
