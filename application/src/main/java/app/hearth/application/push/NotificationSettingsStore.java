package app.hearth.application.push;

import java.time.Instant;
import java.util.Optional;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** Where each user's notification settings are kept; a user who never set them has none (the defaults). */
@SecondaryPort
public interface NotificationSettingsStore {

    /** Whether {@code userId}'s chat pushes show the message's text; empty when never set. */
    Optional<Boolean> pushPreview(String userId);

    void savePushPreview(String userId, boolean pushPreview, Instant at);
}
