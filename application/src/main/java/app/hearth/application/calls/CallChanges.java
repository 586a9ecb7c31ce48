package app.hearth.application.calls;

import app.hearth.application.calls.Calls.CallStatus;
import app.hearth.application.deadlines.Deadlines;
import app.hearth.application.presence.CompanionFacts;
import app.hearth.application.media.MediaAccess;
import app.hearth.application.shared.Retry;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.access.Actor;
import app.hearth.domain.calls.CallCommand;
import app.hearth.domain.calls.CallDecider;
import app.hearth.domain.calls.CallSession;
import app.hearth.domain.calls.CallSession.Accepted;
import app.hearth.domain.calls.CallSession.Connected;
import app.hearth.domain.calls.CallSession.Ended;
import app.hearth.domain.calls.CallSession.NotRequested;
import app.hearth.domain.calls.CallSession.Ringing;
import app.hearth.domain.calls.CallSetup;
import app.hearth.domain.calls.CallTimeouts;
import app.hearth.domain.calls.CallWatch;
import app.hearth.domain.calls.Side;
import app.hearth.domain.shared.RuleViolation;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * How every calls use case changes a call: in one transaction with what must agree with it, tried again whole on a
 * transient conflict; after each change the participants' lines, the call's persistent wake-up (ADR 0026) and the
 * heartbeats' cache of who is in which call are kept in step with it. Every transaction that changes a call locks
 * its wake-up first, as the deadline poller does: they queue, never deadlock (a hang-up and a firing checkpoint of the
 * same call once did).
 */
public class CallChanges {

    /** How often a transaction that lost a race to a concurrent change of its call or wallet is tried in all. */
    static final int ATTEMPTS = 8;

    private final CallCommandBus commands;
    private final CallStates history;
    private final CallLines lines;
    private final Deadlines deadlines;
    private final LivenessBoard board;
    private final Transactions transactions;
    private final CallTimeouts timeouts;
    private final CompanionFacts presence;
    /** Who is in which call and how far it got: what a heartbeat needs, without reading the event store. */
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    /** What a heartbeat needs to know of a call. */
    record Known(CallSetup setup, String phase, boolean memberJoined, boolean companionJoined) {
        static Known of(CallSession state) {
            return switch (state) {
                case Ringing r -> new Known(r.setup(), "ringing", false, false);
                case Accepted a -> new Known(a.setup(), "accepted", a.memberJoined(), a.companionJoined());
                case Connected c -> new Known(c.setup(), "connected", true, true);
                case Ended e -> new Known(e.setup(), "ended", false, false);
                case NotRequested ignored -> throw new IllegalArgumentException("not a call");
            };
        }

        boolean joined(Side side) {
            return side == Side.MEMBER ? memberJoined : companionJoined;
        }
    }

    public CallChanges(CallCommandBus commands, CallStates history, CallLines lines, Deadlines deadlines,
                       LivenessBoard board, Transactions transactions, CallTimeouts timeouts) {
        this(commands, history, lines, deadlines, board, transactions, timeouts, CompanionFacts.NONE);
    }

    /** With presence told, in each change's transaction, when a companion's call starts ringing and when it ends. */
    public CallChanges(CallCommandBus commands, CallStates history, CallLines lines, Deadlines deadlines,
                       LivenessBoard board, Transactions transactions, CallTimeouts timeouts,
                       CompanionFacts presence) {
        this.presence = presence;
        this.commands = commands;
        this.history = history;
        this.lines = lines;
        this.deadlines = deadlines;
        this.board = board;
        this.transactions = transactions;
        this.timeouts = timeouts;
    }

    CallTimeouts timeouts() {
        return timeouts;
    }

    /** The call's state from its events. */
    CallSession state(String callId) {
        return history.state(callId);
    }

    /** Runs {@code work} in a transaction, again while a call or wallet is changed concurrently. */
    <T> T inTransaction(Supplier<T> work) {
        return Retry.onTransientConflict(ATTEMPTS, () -> transactions.inTransaction(work));
    }

    /** Like {@link #inTransaction}, with the call's wake-up locked first. */
    <T> T onCall(String callId, Supplier<T> work) {
        return inTransaction(() -> {
            lockWakeUp(callId);
            return work.get();
        });
    }

    /** Locks the call's wake-up (within the caller's transaction). */
    void lockWakeUp(String callId) {
        deadlines.lock(CallsService.DEADLINE_KIND, callId);
    }

    /** Sends a command built at each attempt, in its own transaction, and settles the state after it. */
    CallSession change(Supplier<CallCommand> command, Instant now) {
        return inTransaction(() -> {
            CallCommand next = command.get();
            lockWakeUp(next.callId());
            return settle(commands.send(next), now);
        });
    }

    /** Sends {@code command} within the caller's transaction; the state after it, not yet settled. */
    CallSession send(CallCommand command) {
        return commands.send(command);
    }

    /** A participant hangs up at {@code at}: what the heartbeats showed counts first (billing runs to it). */
    CallSession hangUp(String callId, String participantId, Instant at, Instant now) {
        return onCall(callId, () -> {
            proveFromBoard(callId, now);
            return settle(commands.send(new CallCommand.HangUp(callId, participantId, at)), now);
        });
    }

    /** Keeps the lines, the wake-up and the heartbeat cache in step with {@code state}. */
    CallSession settle(CallSession state, Instant now) {
        if (state instanceof NotRequested) {
            return state;
        }
        String callId = CallDecider.callId(state);
        CallSetup setup = CallDecider.setup(state);
        if (state instanceof Ended) {
            presence.callEnded(setup.companionId(), callId, now);
            lines.release(callId);
            deadlines.cancel(CallsService.DEADLINE_KIND, callId);
            board.forget(callId);
        } else {
            if (state instanceof Ringing) {
                presence.callStarted(setup.companionId(), callId, now); // busy from ringing to the end
            }
            CallWatch.nextWakeUp(state, now, timeouts)
                    .ifPresent(due -> deadlines.schedule(CallsService.DEADLINE_KIND, callId, due));
        }
        known.put(callId, Known.of(state));
        return state;
    }

    /** Puts what the liveness board knows of a connected call into the call; empty when it knows nothing new. */
    Optional<CallSession> proveFromBoard(String callId, Instant now) {
        return board.seen(callId)
                .filter(seen -> seen.memberSeenAt() != null || seen.companionSeenAt() != null)
                .map(seen -> commands.send(new CallCommand.ProvePresence(callId, seen.memberSeenAt(),
                        seen.companionSeenAt(), now)));
    }

    /** What the heartbeats know of {@code callId}, read from its events the first time. */
    Known known(Actor participant, String callId) {
        Known call = known.get(callId);
        if (call == null) {
            call = Known.of(participantState(participant, callId));
            known.put(callId, call);
        }
        return call;
    }

    /** Forgets cached calls that ended (the watchdog calls this now and then; memory stays bounded). */
    void forgetEnded() {
        known.values().removeIf(call -> "ended".equals(call.phase()));
    }

    /** The call's state when {@code actor} is one of its participants; anyone else is told it does not exist. */
    CallSession participantState(Actor actor, String callId) {
        CallSession state = history.state(callId);
        if (state instanceof NotRequested || CallDecider.setup(state).sideOf(actor.userId()).isEmpty()) {
            throw notFound(callId);
        }
        return state;
    }

    /** Whether {@code callId} is a call with {@code participantId} in it (media-server facts name any room). */
    boolean isParticipant(String callId, String participantId) {
        CallSession state = history.state(callId);
        return !(state instanceof NotRequested) && CallDecider.setup(state).sideOf(participantId).isPresent();
    }

    static RuleViolation notFound(String callId) {
        return RuleViolation.notFound(CallDecider.CALL_NOT_FOUND, "no call " + callId);
    }

    /** The call as its participants see it. */
    CallStatus status(CallSession state, MediaAccess media) {
        return switch (state) {
            case Ringing r -> new CallStatus(r.callId(), r.setup().memberId(), r.setup().companionId(),
                    r.setup().kind(), "ringing", r.requestedAt(), CallDecider.ringsUntil(r, timeouts), null,
                    media);
            case Accepted a -> new CallStatus(a.callId(), a.setup().memberId(), a.setup().companionId(),
                    a.setup().kind(), "accepted", a.requestedAt(), null, null, media);
            case Connected c -> new CallStatus(c.callId(), c.setup().memberId(), c.setup().companionId(),
                    c.setup().kind(), "connected", c.requestedAt(), null, null, media);
            case Ended e -> new CallStatus(e.callId(), e.setup().memberId(), e.setup().companionId(),
                    e.setup().kind(), "ended", e.requestedAt(), null, e.reason(), media);
            case NotRequested ignored -> throw new IllegalArgumentException("not a call");
        };
    }
}
