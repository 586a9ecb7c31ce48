package app.hearth.adapters.shifts.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.COMPANION_PRESENCE_CHANGE;

import app.hearth.application.shifts.PresenceHistory;
import app.hearth.domain.presence.PresenceState;
import app.hearth.domain.shifts.PresenceChange;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Reads {@code companion_presence_change} (presence writes it; shifts never do). */
@Component
public class JooqPresenceHistory implements PresenceHistory {

    private final DSLContext sql;

    public JooqPresenceHistory(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public List<PresenceChange> changes(String companionId, Instant from, Instant to) {
        var t = COMPANION_PRESENCE_CHANGE;
        var changes = new ArrayList<PresenceChange>();
        sql.select(t.STATE, t.CHANGED_AT).from(t)
                .where(t.COMPANION_ID.eq(companionId), t.CHANGED_AT.le(from.atOffset(ZoneOffset.UTC)))
                .orderBy(t.CHANGED_AT.desc(), t.POSITION.desc()).limit(1)
                .fetch(row -> new PresenceChange(PresenceState.valueOf(row.value1()), row.value2().toInstant()))
                .forEach(changes::add);
        sql.select(t.STATE, t.CHANGED_AT).from(t)
                .where(t.COMPANION_ID.eq(companionId), t.CHANGED_AT.gt(from.atOffset(ZoneOffset.UTC)),
                        t.CHANGED_AT.le(to.atOffset(ZoneOffset.UTC)))
                .orderBy(t.CHANGED_AT, t.POSITION)
                .fetch(row -> new PresenceChange(PresenceState.valueOf(row.value1()), row.value2().toInstant()))
                .forEach(changes::add);
        return changes;
    }
}
