package app.hearth.architecture.planted.adapters.shared.jooq;

/** Shared plumbing: any feature may use it. */
public final class PlantedBatch {

    private PlantedBatch() {
    }

    public static int size() {
        return 500;
    }
}
