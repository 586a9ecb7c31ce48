package app.hearth.adapters.media.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.MEDIA_EVENT;

import app.hearth.application.media.MediaEventInbox;
import app.hearth.application.media.MediaWebhooks;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Notifications in {@code media_event}, unique on LiveKit's event id: of two concurrent inserts of one
 * notification the second waits for the first to commit and then inserts nothing.
 */
@Component
public class JooqMediaEventInbox implements MediaEventInbox {

    /** The outcome of a row whose transaction has not settled it yet (never seen committed). */
    static final String RECEIVED = "RECEIVED";

    private final DSLContext sql;

    public JooqMediaEventInbox(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public boolean add(MediaWebhooks.Notification notification, Instant receivedAt) {
        return sql.insertInto(MEDIA_EVENT)
                .set(MEDIA_EVENT.EVENT_ID, notification.eventId())
                .set(MEDIA_EVENT.EVENT_TYPE, notification.eventType())
                .set(MEDIA_EVENT.ROOM, notification.room())
                .set(MEDIA_EVENT.PARTICIPANT_IDENTITY, notification.identity())
                .set(MEDIA_EVENT.CREATED_AT, notification.createdAt() == null ? null
                        : notification.createdAt().atOffset(ZoneOffset.UTC))
                .set(MEDIA_EVENT.RECEIVED_AT, receivedAt.atOffset(ZoneOffset.UTC))
                .set(MEDIA_EVENT.PAYLOAD, notification.payload())
                .set(MEDIA_EVENT.OUTCOME, RECEIVED)
                .onConflict(MEDIA_EVENT.EVENT_ID).doNothing()
                .execute() == 1;
    }

    @Override
    public void settle(String eventId, MediaWebhooks.Outcome outcome) {
        sql.update(MEDIA_EVENT)
                .set(MEDIA_EVENT.OUTCOME, outcome.name())
                .where(MEDIA_EVENT.EVENT_ID.eq(eventId))
                .execute();
    }
}
