package app.hearth.application.calls;

import app.hearth.domain.calls.CallCommand;
import app.hearth.domain.calls.CallSession;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/**
 * Sends call commands to the call's aggregate and answers with the call's state after it. Joins the caller's
 * transaction; a concurrent change of the same call surfaces as a
 * {@link app.hearth.domain.shared.TransientConflict} there, and the caller retries its whole transaction.
 */
@SecondaryPort
public interface CallCommandBus {

    CallSession send(CallCommand command);
}
