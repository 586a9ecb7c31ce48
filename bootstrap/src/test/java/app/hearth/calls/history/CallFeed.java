package app.hearth.calls.history;

import app.hearth.application.calls.CallsService;
import app.hearth.application.deadlines.Deadlines;
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
import app.hearth.domain.calls.CallTimeouts;
import app.hearth.domain.calls.DeadlineKind;
import app.hearth.domain.money.wallet.CallKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Writes a call's history straight into the real event store, with any times the test needs (years ago, minutes
 * overdue): runs commands through the call decider and appends the events it decides as domain event messages, as
 * the call aggregate does (aggregate type {@code Call}, id {@code call:<callId>}, sequence numbers from 0). Every
 * history it writes is one the decider accepts.
 *
 * <p>Only the test moves such a call on. Its wake-up is set an hour ahead while it is unfinished and removed when it
 * ends: a live call without one would be reconciled (ended if overdue) by the watchdog of any test context on the
 * same database, racing the events the test appends; an overdue call whose wake-up is late is what the orphan
 * figures are there to show.
 */
final class CallFeed {

    private static final Duration LATE = Duration.ofHours(1);

    private final EventStore store;
    private final Deadlines deadlines;
    final String callId;
    final String memberId;
    final String companionId;
    final List<CallEvent> events = new ArrayList<>();
    private CallSession state = CallDecider.initialState();

    private CallFeed(EventStore store, Deadlines deadlines, String callId, String memberId, String companionId) {
        this.store = store;
        this.deadlines = deadlines;
        this.callId = callId;
        this.memberId = memberId;
        this.companionId = companionId;
    }

    /** Where fed calls go: the event store, and the deadline store for their late wake-ups. */
    record Writer(EventStore store, Deadlines deadlines) {

        /** A member calls a companion at {@code at}: the call rings. */
        CallFeed request(String callId, String memberId, String companionId, CallKind kind, Instant at) {
            var feed = new CallFeed(store, deadlines, callId, memberId, companionId);
            feed.run(new RequestCall(callId, memberId, companionId, kind, at));
            return feed;
        }
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
        for (CallEvent event : CallDecider.decide(command, state, CallTimeouts.DEFAULTS)) {
            messages.add(new GenericDomainEventMessage<>("Call", "call:" + callId, events.size(), event));
            events.add(event);
            state = CallDecider.evolve(state, event);
        }
        if (!messages.isEmpty()) {
            if (state instanceof CallSession.Ended) {
                deadlines.cancel(CallsService.DEADLINE_KIND, callId);
            } else {
                deadlines.schedule(CallsService.DEADLINE_KIND, callId, Instant.now().plus(LATE));
            }
            store.publish(messages);
        }
        return this;
    }
}
