package app.hearth.architecture.planted.adapters.push.apns;

import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;

/** Pushes on every event, and would push again on a replay: {@code on} breaks the rule, {@code onceOnly} keeps it. */
public class ReplayingPushHandler {

    @EventHandler
    void on(String event) {
        // a push to a provider
    }

    @EventHandler
    @DisallowReplay
    void onceOnly(Long event) {
        // a push to a provider, never on replay
    }
}
