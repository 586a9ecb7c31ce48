package app.hearth.application.calls;

import org.jmolecules.architecture.hexagonal.SecondaryPort;

/**
 * Delivers call signals to a signed-in user's open connections, on whichever node they are connected to. Best
 * effort and at most once: a user with no open connection simply misses it (push and polling cover that). Never
 * throws for delivery problems and never blocks on a slow client.
 */
@SecondaryPort
public interface CallSignals {

    void send(String userId, CallSignal signal);
}
