package app.hearth.architecture.planted.adapters.calls.web;

import app.hearth.architecture.planted.adapters.calls.jooq.PlantedRepository;
import app.hearth.architecture.planted.bootstrap.PlantedApplication;

/** Violates the adapter rules: an inbound adapter reading an outbound one, and an adapter using bootstrap. */
public class LeakyController {

    private final PlantedRepository repository = new PlantedRepository();

    public Object get() {
        return PlantedApplication.name() + repository.load();
    }
}
