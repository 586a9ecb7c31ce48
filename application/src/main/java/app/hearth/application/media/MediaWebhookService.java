package app.hearth.application.media;

import app.hearth.application.shared.Transactions;
import app.hearth.domain.media.MediaEvent;
import app.hearth.domain.shared.RuleViolation;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Records each media notification once and hands what it means to the listeners in the same transaction. The
 * event's time is the media server's {@code createdAt}, or the time of receipt when it gives none.
 */
public final class MediaWebhookService implements MediaWebhooks {

    public static final String PARTICIPANT_JOINED = "participant_joined";
    public static final String PARTICIPANT_LEFT = "participant_left";
    public static final String PARTICIPANT_CONNECTION_ABORTED = "participant_connection_aborted";
    public static final String ROOM_FINISHED = "room_finished";

    private final MediaEventInbox inbox;
    private final List<MediaEventListener> listeners;
    private final Transactions transactions;
    private final Clock clock;

    public MediaWebhookService(MediaEventInbox inbox, List<MediaEventListener> listeners, Transactions transactions,
                               Clock clock) {
        this.inbox = inbox;
        this.listeners = List.copyOf(listeners);
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Receipt receive(Notification notification) {
        RuleViolation.requireText(notification.eventId(), "eventId");
        RuleViolation.requireText(notification.eventType(), "eventType");
        Instant now = clock.instant();
        return transactions.inTransaction(() -> {
            if (!inbox.add(notification, now)) {
                return new Receipt(true, null, null);
            }
            Optional<MediaEvent> event = normalize(notification, now);
            if (event.isEmpty()) {
                inbox.settle(notification.eventId(), Outcome.IGNORED);
                return new Receipt(false, Outcome.IGNORED, null);
            }
            listeners.forEach(listener -> listener.on(event.get()));
            inbox.settle(notification.eventId(), Outcome.HANDED_ON);
            return new Receipt(false, Outcome.HANDED_ON, event.get());
        });
    }

    /** The event Hearth knows this notification as; empty for other types and for ones missing what they need. */
    static Optional<MediaEvent> normalize(Notification notification, Instant receivedAt) {
        String room = notification.room();
        String identity = notification.identity();
        Instant at = notification.createdAt() == null ? receivedAt : notification.createdAt();
        if (blank(room)) {
            return Optional.empty();
        }
        boolean participant = !blank(identity);
        return Optional.ofNullable(switch (notification.eventType()) {
            case PARTICIPANT_JOINED -> participant ? new MediaEvent.ParticipantJoined(room, identity, at) : null;
            case PARTICIPANT_LEFT -> participant ? new MediaEvent.ParticipantLeft(room, identity, at) : null;
            case PARTICIPANT_CONNECTION_ABORTED ->
                    participant ? new MediaEvent.ConnectionAborted(room, identity, at) : null;
            case ROOM_FINISHED -> new MediaEvent.RoomFinished(room, at);
            default -> null;
        });
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
