package app.hearth.architecture.planted.adapters.calls.axon;

/** An outbound adapter: sends commands to an aggregate, fine on its own. */
public class PlantedCommandBus {

    public void send(Object command) {
        // a command to the aggregate
    }
}
