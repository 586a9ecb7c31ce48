package app.hearth.architecture.planted.adapters.earnings.config;

import app.hearth.architecture.planted.adapters.calls.axon.PlantedCommandBus;

/** Violates the feature rule: the earnings' configuration wires a bean of the calls feature. */
public class CrossWiringConfiguration {

    PlantedCommandBus callCommands() {
        return new PlantedCommandBus();
    }
}
