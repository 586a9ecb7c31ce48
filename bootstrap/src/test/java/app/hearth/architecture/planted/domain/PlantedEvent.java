package app.hearth.architecture.planted.domain;

/** Violates "event roots are sealed interfaces"; its record lacks {@code @DomainEvent}. */
public interface PlantedEvent {

    record UnnamedEvent(String id) implements PlantedEvent {
    }
}
