package app.hearth.architecture.planted.domain;

/** A sealed command root with a member that is a class but not a record. */
public sealed interface PlantedCommand {

    record WellFormedCommand(String id) implements PlantedCommand {
    }

    /** Violates "commands are records". */
    final class MutableCommand implements PlantedCommand {
        String id;
    }
}
