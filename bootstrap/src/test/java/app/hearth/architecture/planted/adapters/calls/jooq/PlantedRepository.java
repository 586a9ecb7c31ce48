package app.hearth.architecture.planted.adapters.calls.jooq;

/** An outbound adapter, fine on its own. */
public class PlantedRepository {

    public Object load() {
        return "row";
    }
}
