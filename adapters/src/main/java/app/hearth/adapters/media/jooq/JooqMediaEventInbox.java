package app.hearth.adapters.media.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.MEDIA_EVENT;

import app.hearth.adapters.shared.jooq.ProviderInbox;
import app.hearth.adapters.shared.jooq.generated.tables.records.MediaEventRecord;
import app.hearth.application.media.MediaEventInbox;
import app.hearth.application.media.MediaWebhooks;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Media server notifications in {@code media_event}, a {@link ProviderInbox} unique on LiveKit's event id. */
@Component
public class JooqMediaEventInbox implements MediaEventInbox {

    private final ProviderInbox<MediaEventRecord> inbox;

    public JooqMediaEventInbox(DSLContext sql) {
        this.inbox = new ProviderInbox<>(sql, MEDIA_EVENT.OUTCOME, MEDIA_EVENT.EVENT_ID);
    }

    @Override
    public boolean add(MediaWebhooks.Notification notification, Instant receivedAt) {
        var row = key(notification.eventId());
        row.setEventType(notification.eventType());
        row.setRoom(notification.room());
        row.setParticipantIdentity(notification.identity());
        row.setCreatedAt(notification.createdAt() == null ? null : notification.createdAt().atOffset(ZoneOffset.UTC));
        row.setReceivedAt(receivedAt.atOffset(ZoneOffset.UTC));
        row.setPayload(notification.payload());
        return inbox.add(row);
    }

    @Override
    public void settle(String eventId, MediaWebhooks.Outcome outcome) {
        inbox.settle(key(eventId), outcome.name());
    }

    private static MediaEventRecord key(String eventId) {
        var row = new MediaEventRecord();
        row.setEventId(eventId);
        return row;
    }
}
