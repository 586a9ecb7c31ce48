package app.hearth.calls.history;

import app.hearth.domain.calls.CallCommand;
import app.hearth.domain.calls.CallCommand.AcceptCall;
import app.hearth.domain.calls.CallCommand.CancelCall;
import app.hearth.domain.calls.CallCommand.DeclineCall;
import app.hearth.domain.calls.CallCommand.EndByStaff;
import app.hearth.domain.calls.CallCommand.Expire;
import app.hearth.domain.calls.CallCommand.ExtendCoverage;
import app.hearth.domain.calls.CallCommand.HangUp;
import app.hearth.domain.calls.CallCommand.JoinRoom;
import app.hearth.domain.calls.CallCommand.ProvePresence;
import app.hearth.domain.calls.CallCommand.RequestCall;
import app.hearth.domain.calls.CallDecider;
import app.hearth.domain.calls.CallEvent;
import app.hearth.domain.calls.CallEvent.CallEnded;
import app.hearth.domain.calls.CallSession;
import app.hearth.domain.calls.DeadlineKind;
import app.hearth.domain.money.wallet.CallKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Stands in for the call aggregate until it exists: runs commands through the call decider and appends the events
 * it decides to the real event store as domain event messages, as the aggregate will (aggregate type {@code Call},
 * id {@code call:<callId>}, sequence numbers from 0). Every history it writes is one the decider accepts.
 */
final class CallFeed {

    private final EventStore store;
    final String callId;
    final String memberId;
    final String companionId;
    final List<CallEvent> events = new ArrayList<>();
    private CallSession state = CallDecider.initialState();

    private CallFeed(EventStore store, String callId, String memberId, String companionId) {
        this.store = store;
        this.callId = callId;
        this.memberId = memberId;
        this.companionId = companionId;
    }

    /** A member calls a companion at {@code at}: the call rings. */
    static CallFeed request(EventStore store, String callId, String memberId, String companionId, CallKind kind,
                            Instant at) {
        var feed = new CallFeed(store, callId, memberId, companionId);
        feed.run(new RequestCall(callId, memberId, companionId, kind, at));
        return feed;
    }

    CallFeed accept(Instant at) {
        return run(new AcceptCall(callId, companionId, at));
    }

    /** Both join the room at {@code at}: connected then, covered for the first 2 minutes. */
    CallFeed connect(Instant at) {
        run(new JoinRoom(callId, memberId, at));
        return run(new JoinRoom(callId, companionId, at));
    }

    /** Both sides proven present at {@code at}. */
    CallFeed prove(Instant at) {
        return run(new ProvePresence(callId, at, at, at));
    }

    CallFeed extend(Instant coveredUntil, Instant at) {
        return run(new ExtendCoverage(callId, coveredUntil, at));
    }

    CallFeed hangUp(String participantId, Instant at) {
        return run(new HangUp(callId, participantId, at));
    }

    CallFeed decline(Instant at) {
        return run(new DeclineCall(callId, companionId, at));
    }

    CallFeed cancel(Instant at) {
        return run(new CancelCall(callId, memberId, at));
    }

    CallFeed expire(DeadlineKind kind, Instant at) {
        return run(new Expire(callId, kind, at));
    }

    CallFeed endByStaff(String staffId, Instant at) {
        return run(new EndByStaff(callId, staffId, at));
    }

    /** The call's end, once it has one. */
    CallEnded ended() {
        return events.stream().filter(CallEnded.class::isInstance).map(CallEnded.class::cast).findFirst()
                .orElseThrow(() -> new AssertionError("call " + callId + " has not ended"));
    }

    CallFeed run(CallCommand command) {
        List<EventMessage<?>> messages = new ArrayList<>();
        for (CallEvent event : CallDecider.decide(command, state)) {
            messages.add(new GenericDomainEventMessage<>("Call", "call:" + callId, events.size(), event));
            events.add(event);
            state = CallDecider.evolve(state, event);
        }
        if (!messages.isEmpty()) {
            store.publish(messages);
        }
        return this;
    }
}
