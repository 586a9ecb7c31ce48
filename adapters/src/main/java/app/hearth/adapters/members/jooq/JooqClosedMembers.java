package app.hearth.adapters.members.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.CLOSED_MEMBER;

import app.hearth.adapters.shared.jooq.generated.tables.records.ClosedMemberRecord;
import app.hearth.application.members.ClosedMembers;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Closed accounts in {@code closed_member}: pseudonym, keyed hash of the user id, time; never the user id. */
@Component
public class JooqClosedMembers implements ClosedMembers {

    private final DSLContext sql;

    public JooqClosedMembers(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public Closure recordIfAbsent(Closure closure) {
        sql.insertInto(CLOSED_MEMBER)
                .set(CLOSED_MEMBER.PSEUDONYM, closure.pseudonym())
                .set(CLOSED_MEMBER.SUBJECT_KEY, closure.subjectKey())
                .set(CLOSED_MEMBER.CLOSED_AT, closure.closedAt().atOffset(ZoneOffset.UTC))
                .onConflict(CLOSED_MEMBER.SUBJECT_KEY).doNothing()
                .execute();
        return find(closure.subjectKey()).orElseThrow();
    }

    @Override
    public Optional<Closure> find(String subjectKey) {
        return sql.selectFrom(CLOSED_MEMBER).where(CLOSED_MEMBER.SUBJECT_KEY.eq(subjectKey))
                .fetchOptional(JooqClosedMembers::closure);
    }

    private static Closure closure(ClosedMemberRecord row) {
        return new Closure(row.getPseudonym(), row.getSubjectKey(), row.getClosedAt().toInstant());
    }
}
