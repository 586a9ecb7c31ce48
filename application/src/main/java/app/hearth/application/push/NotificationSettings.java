package app.hearth.application.push;

import app.hearth.domain.access.Actor;
import org.jmolecules.architecture.hexagonal.PrimaryPort;

/**
 * The caller's own notification settings, whatever their role. {@code pushPreview} (default true): a chat push shows
 * the newest message's text, shortened to 100 characters; false: only "New message".
 */
@PrimaryPort
public interface NotificationSettings {

    record Settings(boolean pushPreview) {
        public static final Settings DEFAULTS = new Settings(true);
    }

    Settings settings(Actor actor);

    /** Changes what is given ({@code pushPreview} null keeps it) and answers the settings as they now are. */
    Settings save(Actor actor, Boolean pushPreview);
}
