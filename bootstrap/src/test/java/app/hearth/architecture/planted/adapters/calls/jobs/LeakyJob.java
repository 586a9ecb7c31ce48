package app.hearth.architecture.planted.adapters.calls.jobs;

import app.hearth.architecture.planted.adapters.calls.axon.PlantedCommandBus;

/** Violates the adapter rules: a scheduled pass (an inbound adapter) that sends commands straight to Axon. */
public class LeakyJob {

    private final PlantedCommandBus commands = new PlantedCommandBus();

    public void tick() {
        commands.send("expire");
    }
}
