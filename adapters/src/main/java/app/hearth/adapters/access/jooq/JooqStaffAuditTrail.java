package app.hearth.adapters.access.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.STAFF_ACTION;

import app.hearth.application.access.StaffAuditTrail;
import app.hearth.domain.access.StaffAction;
import app.hearth.domain.access.StaffActionKind;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** The staff audit trail in {@code staff_action}; the table refuses updates and deletes. */
@Component
public class JooqStaffAuditTrail implements StaffAuditTrail {

    private final DSLContext sql;

    public JooqStaffAuditTrail(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public void record(StaffAction action) {
        sql.insertInto(STAFF_ACTION)
                .set(STAFF_ACTION.ACTION_ID, action.actionId())
                .set(STAFF_ACTION.ACTOR, action.actor())
                .set(STAFF_ACTION.KIND, action.kind().name())
                .set(STAFF_ACTION.SUBJECT, action.subject())
                .set(STAFF_ACTION.BEFORE_VALUE, action.before())
                .set(STAFF_ACTION.AFTER_VALUE, action.after())
                .set(STAFF_ACTION.REASON, action.reason())
                .set(STAFF_ACTION.AT, action.at().atOffset(ZoneOffset.UTC))
                .onConflict(STAFF_ACTION.ACTION_ID).doNothing()
                .execute();
    }

    @Override
    public List<Recorded> list(Query query) {
        var conditions = new ArrayList<Condition>();
        if (query.kind() != null) {
            conditions.add(STAFF_ACTION.KIND.eq(query.kind().name()));
        }
        if (query.actor() != null) {
            conditions.add(STAFF_ACTION.ACTOR.eq(query.actor()));
        }
        if (query.subject() != null) {
            conditions.add(STAFF_ACTION.SUBJECT.eq(query.subject()));
        }
        if (query.beforePosition() != null) {
            conditions.add(STAFF_ACTION.POSITION.lt(query.beforePosition()));
        }
        return sql.selectFrom(STAFF_ACTION).where(conditions)
                .orderBy(STAFF_ACTION.POSITION.desc())
                .limit(query.limit())
                .fetch(row -> new Recorded(row.getPosition(), new StaffAction(row.getActionId(), row.getActor(),
                        StaffActionKind.valueOf(row.getKind()), row.getSubject(), row.getBeforeValue(),
                        row.getAfterValue(), row.getReason(), row.getAt().toInstant())));
    }
}
