package app.hearth.architecture.planted.adapters.calls.jooq;

import org.axonframework.eventhandling.EventHandler;

/** A projection: writes only its read model, so it may replay. */
public class PlantedProjection {

    @EventHandler
    void on(String event) {
        // a row in the read model
    }
}
