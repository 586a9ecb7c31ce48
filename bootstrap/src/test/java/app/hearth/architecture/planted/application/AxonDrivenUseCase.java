package app.hearth.architecture.planted.application;

import app.hearth.architecture.planted.adapters.calls.jooq.PlantedRepository;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Violates purity (Axon in a use case) and inward dependencies (a use case that uses an adapter). */
public class AxonDrivenUseCase {

    private final CommandGateway commands;
    private final PlantedRepository repository;

    public AxonDrivenUseCase(CommandGateway commands, PlantedRepository repository) {
        this.commands = commands;
        this.repository = repository;
    }

    public void run() {
        commands.sendAndWait(repository.load());
    }
}
