package app.hearth.architecture.planted.adapters.persistence;

/** An outbound adapter, fine on its own. */
public class PlantedRepository {

    public Object load() {
        return "row";
    }
}
