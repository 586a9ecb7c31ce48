package app.hearth.application.calls;

import app.hearth.domain.calls.CallSession;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** Reads a call's state from its event stream (the truth, not a projection). */
@SecondaryPort
public interface CallStates {

    /** The state of {@code callId}: {@link CallSession.NotRequested} when no such call was ever requested. */
    CallSession state(String callId);
}
