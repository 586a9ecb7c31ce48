package app.hearth.application.media;

import java.time.Instant;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** Every authenticated media webhook once, keyed by the media server's event id, with its raw body. */
@SecondaryPort
public interface MediaEventInbox {

    /**
     * Records the notification in the caller's transaction; false when it is there already (a concurrent copy
     * waits for the first to commit and then gets false).
     */
    boolean add(MediaWebhooks.Notification notification, Instant receivedAt);

    /** What became of it: HANDED_ON or IGNORED. */
    void settle(String eventId, MediaWebhooks.Outcome outcome);
}
