package app.hearth.application.media;

import app.hearth.domain.media.MediaEvent;
import java.time.Instant;
import org.jmolecules.architecture.hexagonal.PrimaryPort;

/**
 * Takes an authenticated media server notification: records it once by its event id and, in the same
 * transaction, hands the events Hearth knows to every {@link MediaEventListener}. A failure leaves nothing
 * behind, so the media server's retry starts afresh; a copy of a recorded notification changes nothing.
 */
@PrimaryPort
public interface MediaWebhooks {

    /**
     * A notification that passed authentication, as the webhook adapter read it.
     *
     * @param eventId     the media server's id of the notification (unique)
     * @param eventType   its type as the media server names it ({@code participant_joined}, …)
     * @param room        the room's name, null when it names none
     * @param identity    the participant's identity, null when it names none
     * @param createdAt   when the media server made it, null when not given
     * @param payload     the raw body
     */
    record Notification(String eventId, String eventType, String room, String identity, Instant createdAt,
                        String payload) {
    }

    /** What the inbox row says became of a notification. */
    enum Outcome {
        /** Normalized and handed to the listeners. */
        HANDED_ON,
        /** A type Hearth does not act on, or one that lacks what its event needs: recorded only. */
        IGNORED
    }

    /**
     * @param duplicate true when this very notification was received before: nothing changed
     * @param outcome   null for a duplicate
     * @param event     the normalized event handed on, null when none
     */
    record Receipt(boolean duplicate, Outcome outcome, MediaEvent event) {
    }

    Receipt receive(Notification notification);
}
