package app.hearth.application.push;

import app.hearth.domain.access.Actor;
import java.time.Clock;

/** Reads and writes the caller's notification settings. */
public class NotificationSettingsService implements NotificationSettings {

    private final NotificationSettingsStore store;
    private final Clock clock;

    public NotificationSettingsService(NotificationSettingsStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Settings settings(Actor actor) {
        return new Settings(store.pushPreview(actor.userId()).orElse(Settings.DEFAULTS.pushPreview()));
    }

    @Override
    public Settings save(Actor actor, Boolean pushPreview) {
        if (pushPreview != null) {
            store.savePushPreview(actor.userId(), pushPreview, clock.instant());
        }
        return settings(actor);
    }
}
