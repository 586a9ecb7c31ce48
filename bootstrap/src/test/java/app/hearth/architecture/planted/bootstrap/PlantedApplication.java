package app.hearth.architecture.planted.bootstrap;

/** The planted application; only bootstrap may know it. */
public final class PlantedApplication {

    public static String name() {
        return "planted";
    }

    private PlantedApplication() {
    }
}
