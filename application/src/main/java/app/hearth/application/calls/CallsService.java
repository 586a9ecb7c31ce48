package app.hearth.application.calls;

import app.hearth.application.access.TeamDirectory;
import app.hearth.application.companions.CompanionRegistry;
import app.hearth.application.deadlines.DeadlineHandler;
import app.hearth.application.deadlines.Deadlines;
import app.hearth.application.media.MediaAccess;
import app.hearth.application.media.MediaRooms;
import app.hearth.application.money.metering.Metering;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.CompanionScope;
import app.hearth.domain.access.Role;
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
import app.hearth.domain.calls.DeadlineKind;
import app.hearth.domain.calls.Side;
import app.hearth.domain.companions.CompanionSearch;
import app.hearth.domain.companions.CompanionStatus;
import app.hearth.domain.money.wallet.CallKind;
import app.hearth.domain.shared.RuleViolation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The calls use cases, and the watchdog's checkpoint (the deadline handler of kind {@value #DEADLINE_KIND}).
 *
 * <p>Every change of a call runs in one transaction with what must agree with it: the participants' lines, the
 * call's persistent wake-up (ADR 0026) and, at checkpoints, the extension of the member's hold. The member's hold is
 * placed before the call rings, so that ringing needs at least one billable minute and the room credentials are only
 * issued once the hold stands; it is captured or released when the call ends ({@link CallSettlement}).
 *
 * <p>Heartbeats are the hot path: they touch only the in-memory {@link LivenessBoard} and a small cache of who is in
 * which call; the first heartbeat after the accept counts as joining the room (one write).
 */
public class CallsService implements Calls, DeadlineHandler {

    /** The persistent deadline kind of calls; the key is the call id. */
    public static final String DEADLINE_KIND = "call";
    public static final String COMPANION_NOT_FOUND = "COMPANION_NOT_FOUND";
    public static final String COMPANION_UNAVAILABLE = "COMPANION_UNAVAILABLE";
    public static final String COMPANION_BUSY = "COMPANION_BUSY";
    public static final String NO_COMPANION_AVAILABLE = "NO_COMPANION_AVAILABLE";
    public static final String MEMBER_IN_CALL = "MEMBER_IN_CALL";
    public static final String ONLY_MEMBERS_CALL = "ONLY_MEMBERS_CALL";
    public static final String CALL_ID_INVALID = "CALL_ID_INVALID";
    /** What a transient conflict is called by the command buses (nothing was recorded; the same work may be retried). */
    static final String CONCURRENT_UPDATE = "CONCURRENT_UPDATE";
    static final int ATTEMPTS = 8;
    private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final int ROUTING_CANDIDATES = 200;

    private final CallCommandBus commands;
    private final CallStates history;
    private final CallLines lines;
    private final Deadlines deadlines;
    private final LivenessBoard board;
    private final Metering metering;
    private final CompanionRegistry companions;
    private final TeamDirectory teams;
    private final CallQueries queries;
    private final MediaRooms rooms;
    private final Transactions transactions;
    private final Clock clock;
    private final Duration joinWindow;
    private final CallTimeouts timeouts;
    /** Who is in which call and how far it got: what a heartbeat needs, without reading the event store. */
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    /** What a heartbeat needs to know of a call. */
    private record Known(CallSetup setup, String phase, boolean memberJoined, boolean companionJoined) {
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

    public CallsService(CallCommandBus commands, CallStates history, CallLines lines, Deadlines deadlines,
                        LivenessBoard board, Metering metering, CompanionRegistry companions, TeamDirectory teams,
                        CallQueries queries, MediaRooms rooms, Transactions transactions, Clock clock,
                        Duration joinWindow, CallTimeouts timeouts) {
        this.commands = commands;
        this.history = history;
        this.lines = lines;
        this.deadlines = deadlines;
        this.board = board;
        this.metering = metering;
        this.companions = companions;
        this.teams = teams;
        this.queries = queries;
        this.rooms = rooms;
        this.transactions = transactions;
        this.clock = clock;
        this.joinWindow = MediaRooms.requireJoinWindow(joinWindow);
        this.timeouts = timeouts;
    }

    /** The hold of a call's member is named after the call. */
    public static String holdId(String callId) {
        return "call:" + callId;
    }

    /** The media room of a call is named after the call. */
    public static String room(String callId) {
        return "call-" + callId;
    }

    // --- Requests and answers ----------------------------------------------------------------------------------------

    @Override
    public CallStatus request(Actor member, String callId, String companionId, CallKind kind) {
        if (member.role() != Role.MEMBER) {
            throw RuleViolation.forbidden(ONLY_MEMBERS_CALL, "only members place calls");
        }
        RuleViolation.require(kind, "kind");
        RuleViolation.requireText(companionId, "companionId");
        String id = callId == null ? UUID.randomUUID().toString() : callId;
        if (!CALL_ID.matcher(id).matches()) {
            throw RuleViolation.invalid(CALL_ID_INVALID, "callId", "a call id is 8 to 64 letters, digits, - or _");
        }
        CallSession existing = history.state(id);
        if (!(existing instanceof NotRequested)) {
            return repeatedRequest(member, id, companionId, kind, existing);
        }
        Instant now = clock.instant();
        List<String> candidates = ANY_COMPANION.equals(companionId) ? routingCandidates(member.userId(), now)
                : List.of(requireCallable(companionId, member.userId()));
        // the hold first: no ringing without a billable minute, and nothing else may spend it meanwhile
        long firstCover = metering.placeHold(member.userId(), holdId(id), kind, CallDecider.FIRST_HOLD.toSeconds(),
                now).coveredSeconds();
        try {
            CallSession ringing = retrying(() -> transactions.inTransaction(() -> {
                if (!lines.claim(member.userId(), id)) {
                    throw RuleViolation.conflict(MEMBER_IN_CALL, "you are in another call; end it first");
                }
                for (String candidate : candidates) {
                    if (lines.claim(candidate, id)) {
                        return settle(commands.send(new CallCommand.RequestCall(id, member.userId(), candidate, kind,
                                firstCover, now)), now);
                    }
                }
                throw candidates.size() == 1
                        ? RuleViolation.conflict(COMPANION_BUSY, "the companion is in another call")
                        : RuleViolation.conflict(NO_COMPANION_AVAILABLE, "no companion is available right now");
            }));
            return status(ringing, null);
        } catch (RuntimeException refused) {
            metering.releaseHold(member.userId(), holdId(id), now);
            throw refused;
        }
    }

    private CallStatus repeatedRequest(Actor member, String callId, String companionId, CallKind kind,
                                       CallSession existing) {
        CallSetup setup = CallDecider.setup(existing);
        if (!setup.memberId().equals(member.userId())) {
            throw RuleViolation.conflict(CallDecider.CALL_ID_TAKEN, "call id " + callId + " is taken by another call");
        }
        if (setup.kind() != kind || !(ANY_COMPANION.equals(companionId) || setup.companionId().equals(companionId))) {
            throw RuleViolation.conflict(CallDecider.CALL_ID_TAKEN, "call id " + callId + " is taken by another call");
        }
        return status(existing, null);
    }

    private String requireCallable(String companionId, String memberId) {
        var companion = companions.find(companionId)
                .filter(found -> found.status() == CompanionStatus.ACTIVE)
                .orElseThrow(() -> RuleViolation.notFound(COMPANION_NOT_FOUND, "no active companion " + companionId));
        if (companion.companionId().equals(memberId)) {
            throw RuleViolation.invalid(CallDecider.SAME_PARTICIPANT, "companionId", "a member cannot call themselves");
        }
        if (!companion.available()) {
            throw RuleViolation.conflict(COMPANION_UNAVAILABLE, "the companion is not available right now");
        }
        return companion.companionId();
    }

    /**
     * Routing for "anyone available", until the best routing comes: the available companions who are not in a call,
     * the one with the fewest calls today (UTC) first, then by id.
     */
    private List<String> routingCandidates(String memberId, Instant now) {
        var search = new CompanionSearch(null, null, null, null, null, true, null, null, null);
        List<String> available = new ArrayList<>();
        for (var companion : companions.search(new CompanionRegistry.Query(search, null, null, null,
                ROUTING_CANDIDATES))) {
            if (companion.available() && !companion.companionId().equals(memberId)) {
                available.add(companion.companionId());
            }
        }
        available.removeAll(lines.busy(available));
        if (available.isEmpty()) {
            throw RuleViolation.conflict(NO_COMPANION_AVAILABLE, "no companion is available right now");
        }
        Map<String, Long> today = queries.callsOn(Set.copyOf(available), LocalDate.ofInstant(now, ZoneOffset.UTC),
                ZoneOffset.UTC);
        available.sort(Comparator.<String>comparingLong(id -> today.getOrDefault(id, 0L))
                .thenComparing(Comparator.naturalOrder()));
        return available;
    }

    @Override
    public CallStatus accept(Actor companion, String callId) {
        participantState(companion, callId);
        Instant now = clock.instant();
        CallSession state = change(() -> new CallCommand.AcceptCall(callId, companion.userId(), now), now);
        return status(state, state instanceof Accepted ? grant(state, companion.userId(), now) : null);
    }

    @Override
    public CallStatus decline(Actor companion, String callId) {
        participantState(companion, callId);
        Instant now = clock.instant();
        return status(change(() -> new CallCommand.DeclineCall(callId, companion.userId(), now), now), null);
    }

    @Override
    public CallStatus cancel(Actor member, String callId) {
        participantState(member, callId);
        Instant now = clock.instant();
        return status(change(() -> new CallCommand.CancelCall(callId, member.userId(), now), now), null);
    }

    @Override
    public CallStatus hangUp(Actor actor, String callId) {
        CallSession current = history.state(callId);
        Instant now = clock.instant();
        boolean participant = !(current instanceof NotRequested) && CallDecider.setup(current).sideOf(actor.userId()).isPresent();
        if (!participant) {
            // staff end the calls of the companions they reach (a supervisor: their teams'); to others it is unknown
            if (current instanceof NotRequested || !CompanionScope.reachOf(actor)
                    .covers(CallDecider.setup(current).companionId(), teams::supervisorOf)) {
                throw notFound(callId);
            }
            return status(change(() -> new CallCommand.EndByStaff(callId, actor.userId(), now), now), null);
        }
        CallSession state = retrying(() -> transactions.inTransaction(() -> {
            deadlines.lock(DEADLINE_KIND, callId);
            // what the heartbeats showed counts before the hang-up: billing runs to the other side's last proof
            proveFromBoard(callId, now);
            return settle(commands.send(new CallCommand.HangUp(callId, actor.userId(), now)), now);
        }));
        return status(state, null);
    }

    @Override
    public void heartbeat(Actor participant, String callId) {
        Instant now = clock.instant();
        Known call = known.get(callId);
        if (call == null) {
            CallSession state = participantState(participant, callId);
            call = Known.of(state);
            known.put(callId, call);
        }
        Side side = call.setup().sideOf(participant.userId()).orElseThrow(() -> notFound(callId));
        switch (call.phase()) {
            case "ended" -> throw RuleViolation.conflict(CallDecider.CALL_ENDED, "the call has ended");
            case "ringing" -> throw RuleViolation.conflict(CallDecider.CALL_NOT_ACCEPTED,
                    "the call has not been accepted yet");
            default -> { }
        }
        board.beat(callId, side, now);
        if ("accepted".equals(call.phase()) && !call.joined(side)) {
            change(() -> new CallCommand.JoinRoom(callId, participant.userId(), now), now);
        }
    }

    @Override
    public MediaAccess media(Actor participant, String callId) {
        CallSession state = participantState(participant, callId);
        if (!(state instanceof Accepted || state instanceof Connected)) {
            throw state instanceof Ended
                    ? RuleViolation.conflict(CallDecider.CALL_ENDED, "the call has ended")
                    : RuleViolation.conflict(CallDecider.CALL_NOT_ACCEPTED, "the call has not been accepted yet");
        }
        return grant(state, participant.userId(), clock.instant());
    }

    /** A media-server fact: a participant joined the room (of a call they are part of; else nothing happens). */
    public void joinedRoom(String callId, String participantId, Instant at) {
        if (isParticipant(callId, participantId)) {
            change(() -> new CallCommand.JoinRoom(callId, participantId, at), clock.instant());
        }
    }

    /** A media-server fact: a participant left the room (or their connection was aborted): a hang-up then. */
    public void leftRoom(String callId, String participantId, Instant at) {
        if (!isParticipant(callId, participantId)) {
            return;
        }
        Instant now = clock.instant();
        retrying(() -> transactions.inTransaction(() -> {
            deadlines.lock(DEADLINE_KIND, callId);
            proveFromBoard(callId, now);
            return settle(commands.send(new CallCommand.HangUp(callId, participantId, at.isAfter(now) ? now : at)),
                    now);
        }));
    }

    /** Whether {@code callId} is a call with {@code participantId} in it (media-server facts name any room). */
    private boolean isParticipant(String callId, String participantId) {
        CallSession state = history.state(callId);
        return !(state instanceof NotRequested) && CallDecider.setup(state).sideOf(participantId).isPresent();
    }

    // --- The watchdog ------------------------------------------------------------------------------------------------

    @Override
    public String kind() {
        return DEADLINE_KIND;
    }

    /** The persistent wake-up of a call is due: a checkpoint (already in the deadline store's transaction). */
    @Override
    public Optional<Instant> fire(String callId, Instant due, Instant now) {
        return CallWatch.nextWakeUp(checkpointInTransaction(callId, now), now, timeouts);
    }

    /**
     * Looks at a call now, as the watchdog does: proves the presence the heartbeats showed, extends the member's hold
     * to cover the next two minutes, and ends the call by whatever deadline is due. Returns the state after it.
     */
    public CallSession checkpoint(String callId) {
        Instant now = clock.instant();
        return retrying(() -> transactions.inTransaction(() -> {
            deadlines.lock(DEADLINE_KIND, callId);
            return checkpointInTransaction(callId, now);
        }));
    }

    private CallSession checkpointInTransaction(String callId, Instant now) {
        CallSession state = history.state(callId);
        switch (state) {
            case NotRequested ignored -> {
                return state;
            }
            case Ended ended -> {
                return settle(ended, now);
            }
            case Connected connected -> {
                state = proveFromBoard(callId, now).orElse(connected);
                if (state instanceof Connected c) {
                    state = extendCoverage(c, now);
                }
            }
            default -> { }
        }
        DeadlineKind kind = CallDecider.nextDeadlines(state, timeouts).stream().findFirst().map(d -> d.kind())
                .orElse(DeadlineKind.HEARTBEAT_LOSS);
        return settle(commands.send(new CallCommand.Expire(callId, kind, now)), now);
    }

    /**
     * Extends the hold of a connected call so it covers the next two minutes, and records how far it covers. Once a
     * minute (the extension id names the minute): a repeated checkpoint within the minute changes nothing.
     */
    private CallSession extendCoverage(Connected call, Instant now) {
        long missing = call.coverageFailing() ? CallWatch.CHECKPOINT.toSeconds() : CallWatch.coverageMissing(call, now);
        long minute = CallWatch.minute(call, now);
        if (missing == 0 || minute == 0) {
            return call;
        }
        String member = call.setup().memberId();
        var hold = metering.extendHold(member, holdId(call.callId()), holdId(call.callId()) + ":minute:" + minute,
                missing, now);
        Instant coveredUntil = call.connectedAt().plusSeconds(hold.coveredSeconds());
        if (hold.coveredSeconds() >= CallWatch.coverageTarget(call, now)) {
            return commands.send(new CallCommand.ExtendCoverage(call.callId(), coveredUntil, now));
        }
        return commands.send(new CallCommand.CoverageNotExtended(call.callId(), coveredUntil, now));
    }

    /** Puts what the liveness board knows of a connected call into the call; empty when it knows nothing new. */
    private Optional<CallSession> proveFromBoard(String callId, Instant now) {
        return board.seen(callId)
                .filter(seen -> seen.memberSeenAt() != null || seen.companionSeenAt() != null)
                .map(seen -> commands.send(new CallCommand.ProvePresence(callId, seen.memberSeenAt(),
                        seen.companionSeenAt(), now)));
    }

    // --- Shared steps ------------------------------------------------------------------------------------------------

    /**
     * Sends a command built at each attempt, in its own transaction, with everything that must agree with it. Every
     * transaction that changes a call locks its wake-up first, as the deadline poller does: they queue, never
     * deadlock (a hang-up and a firing checkpoint of the same call once did).
     */
    private CallSession change(Supplier<CallCommand> command, Instant now) {
        return retrying(() -> transactions.inTransaction(() -> {
            CallCommand next = command.get();
            deadlines.lock(DEADLINE_KIND, next.callId());
            CallSession state = commands.send(next);
            return settle(state, now);
        }));
    }

    /** Keeps the lines, the wake-up and the heartbeat cache in step with {@code state}. */
    private CallSession settle(CallSession state, Instant now) {
        if (state instanceof NotRequested) {
            return state;
        }
        String callId = CallDecider.callId(state);
        if (state instanceof Ended) {
            lines.release(callId);
            deadlines.cancel(DEADLINE_KIND, callId);
            board.forget(callId);
        } else {
            CallWatch.nextWakeUp(state, now, timeouts).ifPresent(due -> deadlines.schedule(DEADLINE_KIND, callId, due));
        }
        known.put(callId, Known.of(state));
        return state;
    }

    /** The call's state when {@code actor} is one of its participants; anyone else is told it does not exist. */
    private CallSession participantState(Actor actor, String callId) {
        CallSession state = history.state(callId);
        if (state instanceof NotRequested || CallDecider.setup(state).sideOf(actor.userId()).isEmpty()) {
            throw notFound(callId);
        }
        return state;
    }

    private MediaAccess grant(CallSession state, String participantId, Instant now) {
        CallSetup setup = CallDecider.setup(state);
        String name = setup.sideOf(participantId).orElseThrow() == Side.MEMBER ? "member" : "companion";
        return rooms.grant(room(CallDecider.callId(state)), participantId, name, joinWindow, now);
    }

    /** Runs {@code work} again while a call or wallet is changed concurrently (each attempt a whole transaction). */
    private static <T> T retrying(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RuleViolation violation) {
                if (!CONCURRENT_UPDATE.equals(violation.code()) || attempt == ATTEMPTS) {
                    throw violation;
                }
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L + attempt * 5L));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw violation;
                }
            }
        }
    }

    static RuleViolation notFound(String callId) {
        return RuleViolation.notFound(CallDecider.CALL_NOT_FOUND, "no call " + callId);
    }

    private CallStatus status(CallSession state, MediaAccess media) {
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

    /** Forgets cached calls that ended (the watchdog calls this now and then; memory stays bounded). */
    public void forgetEnded() {
        known.values().removeIf(call -> "ended".equals(call.phase()));
    }
}
