package app.hearth.adapters.calls.axon;

import app.hearth.application.calls.CallStates;
import app.hearth.domain.calls.CallDecider;
import app.hearth.domain.calls.CallEvent;
import app.hearth.domain.calls.CallSession;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/** Reads a call straight from Axon's event store (also what another node appended a moment ago). */
@Component
public class AxonCallStates implements CallStates {

    private final EventStore eventStore;

    public AxonCallStates(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public CallSession state(String callId) {
        CallSession[] state = {CallDecider.initialState()};
        eventStore.readEvents(CallAggregate.aggregateId(callId)).asStream()
                .forEach(message -> state[0] = CallDecider.evolve(state[0], (CallEvent) message.getPayload()));
        return state[0];
    }
}
