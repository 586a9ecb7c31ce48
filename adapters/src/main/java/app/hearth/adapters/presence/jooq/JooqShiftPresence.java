package app.hearth.adapters.presence.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.COMPANION_PRESENCE;
import static app.hearth.adapters.shared.jooq.generated.Tables.COMPANION_PRESENCE_CHANGE;

import app.hearth.application.presence.ShiftPresence;
import app.hearth.domain.presence.PresenceState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * The shift's facts in {@code companion_presence}. Until the connection facts are kept, a started shift off a break
 * derives {@code AWAY} (no connection is known), a break {@code ON_BREAK}, and no shift {@code OFFLINE}; nobody is
 * available through this alone. A change of state is appended to {@code companion_presence_change}.
 */
@Component
public class JooqShiftPresence implements ShiftPresence {

    private final DSLContext sql;

    public JooqShiftPresence(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public void shiftStarted(String companionId, String shiftId, Instant at) {
        record(companionId, shiftId, false, at);
    }

    @Override
    public void breakStarted(String companionId, String shiftId, Instant at) {
        record(companionId, shiftId, true, at);
    }

    @Override
    public void breakEnded(String companionId, String shiftId, Instant at) {
        record(companionId, shiftId, false, at);
    }

    @Override
    public void shiftEnded(String companionId, String shiftId, Instant at) {
        record(companionId, null, false, at);
    }

    private void record(String companionId, String shiftId, boolean onBreak, Instant at) {
        PresenceState state = shiftId == null ? PresenceState.OFFLINE
                : onBreak ? PresenceState.ON_BREAK : PresenceState.AWAY;
        OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
        String before = sql.select(COMPANION_PRESENCE.STATE).from(COMPANION_PRESENCE)
                .where(COMPANION_PRESENCE.COMPANION_ID.eq(companionId)).forUpdate().fetchOne(COMPANION_PRESENCE.STATE);
        sql.insertInto(COMPANION_PRESENCE)
                .set(COMPANION_PRESENCE.COMPANION_ID, companionId)
                .set(COMPANION_PRESENCE.STATE, state.name())
                .set(COMPANION_PRESENCE.STATE_SINCE, when)
                .set(COMPANION_PRESENCE.SHIFT_ID, shiftId)
                .set(COMPANION_PRESENCE.ON_BREAK, onBreak)
                .set(COMPANION_PRESENCE.UPDATED_AT, when)
                .onConflict(COMPANION_PRESENCE.COMPANION_ID).doUpdate()
                .set(COMPANION_PRESENCE.STATE_SINCE, org.jooq.impl.DSL.when(
                        COMPANION_PRESENCE.STATE.eq(state.name()), COMPANION_PRESENCE.STATE_SINCE).otherwise(when))
                .set(COMPANION_PRESENCE.STATE, state.name())
                .set(COMPANION_PRESENCE.SHIFT_ID, shiftId)
                .set(COMPANION_PRESENCE.ON_BREAK, onBreak)
                .set(COMPANION_PRESENCE.UPDATED_AT, when)
                .execute();
        if (!state.name().equals(before)) {
            sql.insertInto(COMPANION_PRESENCE_CHANGE)
                    .set(COMPANION_PRESENCE_CHANGE.COMPANION_ID, companionId)
                    .set(COMPANION_PRESENCE_CHANGE.STATE, state.name())
                    .set(COMPANION_PRESENCE_CHANGE.CHANGED_AT, when)
                    .execute();
        }
    }
}
