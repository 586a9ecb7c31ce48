package app.hearth.architecture.planted.domain;

import app.hearth.architecture.planted.application.AxonDrivenUseCase;

/** Violates inward dependencies: the domain calls a use case of the application module. */
public class OutwardLookingPolicy {

    public void apply(AxonDrivenUseCase useCase) {
        useCase.run();
    }
}
