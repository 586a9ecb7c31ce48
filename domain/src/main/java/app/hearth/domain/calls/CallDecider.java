package app.hearth.domain.calls;

import app.hearth.domain.calls.CallCommand.AcceptCall;
import app.hearth.domain.calls.CallCommand.CancelCall;
import app.hearth.domain.calls.CallCommand.CoverageNotExtended;
import app.hearth.domain.calls.CallCommand.DeclineCall;
import app.hearth.domain.calls.CallCommand.EndByStaff;
import app.hearth.domain.calls.CallCommand.Expire;
import app.hearth.domain.calls.CallCommand.ExtendCoverage;
import app.hearth.domain.calls.CallCommand.HangUp;
import app.hearth.domain.calls.CallCommand.JoinRoom;
import app.hearth.domain.calls.CallCommand.ProvePresence;
import app.hearth.domain.calls.CallCommand.RequestCall;
import app.hearth.domain.calls.CallEvent.BalanceWarning;
import app.hearth.domain.calls.CallEvent.CallAccepted;
import app.hearth.domain.calls.CallEvent.CallConnected;
import app.hearth.domain.calls.CallEvent.CallEnded;
import app.hearth.domain.calls.CallEvent.CallRequested;
import app.hearth.domain.calls.CallEvent.CoverageExtended;
import app.hearth.domain.calls.CallEvent.ParticipantJoined;
import app.hearth.domain.calls.CallEvent.PresenceProven;
import app.hearth.domain.calls.CallSession.Accepted;
import app.hearth.domain.calls.CallSession.Connected;
import app.hearth.domain.calls.CallSession.Ended;
import app.hearth.domain.calls.CallSession.NotRequested;
import app.hearth.domain.calls.CallSession.Ringing;
import app.hearth.domain.money.wallet.CallVerdict;
import app.hearth.domain.shared.RuleViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The rules of one call as pure functions: {@link #decide} turns a command and the current state into the events
 * that follow, {@link #evolve} folds one event into the state, {@link #nextDeadlines} says what the watchdog must
 * schedule. Nothing here reads a clock: time enters through the commands. How long a call may ring, wait for the
 * room or stay silent is configuration ({@link CallTimeouts}); the functions that judge time take it.
 *
 * <p>How a command is judged at its time {@code at}:
 * <ol>
 *   <li>Facts first: on a connected call, the presence and coverage the command proves are applied (a presence
 *       checkpoint, a (re)join or a hang-up proves its participant present at {@code at}; an extended hold moves
 *       the covered time).</li>
 *   <li>Then deadlines: a deadline due at or before {@code at} ends the call by its own rule, whatever the command
 *       was (a late accept after 45 s of ringing finds the call {@link EndReason#MISSED}; a hang-up 50 s after the
 *       other side went silent finds it {@link EndReason#CONNECTION_LOST}). The watchdog may be late; the rules are
 *       not.</li>
 *   <li>Then the command's own effect, and any low-balance warning due at {@code at}.</li>
 * </ol>
 *
 * <p>Billing (see {@link CallEnded}): billable time runs from the connect to the last moment both sides were proven
 * present, capped at the covered time. It never runs to the moment a loss was noticed. A hang-up proves only the
 * one hanging up present at that moment: the other side counts until their own last proof, so a hang-up is billed
 * until {@code min(hang-up time, other side's last proof, coveredUntil)}. This is stricter than "until the hang-up"
 * (reliability test 7: no call is billed beyond its last proven-alive moment) and costs at most one checkpoint
 * interval; feed presence checkpoints at heartbeat cadence, or at least just before a hang-up. The end carries the
 * call's one billing verdict ({@link CallVerdict}: a call connected for under 60 s is not charged); no call ends for
 * balance before 60 s connected.
 *
 * <p>Exactly once: a call ends once. After the end, late facts (hang-ups, joins, presence, coverage, deadlines, a
 * staff end) change nothing; a repeat of what was done (the same request, accept, decline or cancel) changes
 * nothing; an accept, decline or cancel that comes too late is refused with {@link #CALL_ENDED}.
 */
public final class CallDecider {

    public static final String CALL_NOT_FOUND = "CALL_NOT_FOUND";
    public static final String CALL_ID_TAKEN = "CALL_ID_TAKEN";
    public static final String CALL_ID_MISMATCH = "CALL_ID_MISMATCH";
    public static final String SAME_PARTICIPANT = "SAME_PARTICIPANT";
    public static final String NOT_A_PARTICIPANT = "NOT_A_PARTICIPANT";
    /** A participant of the call, but on the wrong side for this command (a member accepting, ...). */
    public static final String WRONG_PARTICIPANT = "WRONG_PARTICIPANT";
    public static final String CALL_NOT_RINGING = "CALL_NOT_RINGING";
    public static final String CALL_NOT_ACCEPTED = "CALL_NOT_ACCEPTED";
    public static final String CALL_NOT_CONNECTED = "CALL_NOT_CONNECTED";
    public static final String CALL_ENDED = "CALL_ENDED";

    /** The first hold, placed before the room credentials are issued, covers this much from the connect. */
    public static final Duration FIRST_HOLD = Duration.ofMinutes(2);
    /** A call connected for less is not charged, and is not ended for balance before it ({@link CallVerdict}). */
    public static final Duration SHORT_CALL = CallVerdict.SHORT_CALL;
    /** Low-balance warnings, in seconds before the balance deadline, most distant first. */
    public static final List<Integer> WARNING_SECONDS = List.of(120, 30);

    private CallDecider() {
    }

    public static CallSession initialState() {
        return CallSession.NOT_REQUESTED;
    }

    /** The events {@code command} causes in {@code state} under {@code timeouts}; empty when it changes nothing. */
    public static List<CallEvent> decide(CallCommand command, CallSession state, CallTimeouts timeouts) {
        if (command instanceof RequestCall request) {
            return request(request, state);
        }
        if (state instanceof NotRequested) {
            throw RuleViolation.notFound(CALL_NOT_FOUND, "call " + command.callId() + " was never requested");
        }
        if (!callId(state).equals(command.callId())) {
            throw RuleViolation.invalid(CALL_ID_MISMATCH, "callId",
                    "command for call " + command.callId() + " sent to call " + callId(state));
        }
        Optional<Side> side = checkParticipant(command, setup(state));
        var decision = new Decision(state);
        switch (state) {
            case NotRequested ignored -> throw new AssertionError("handled above");
            case Ended ended -> afterEnd(command, ended);
            case Ringing ringing -> ringing(command, side, ringing, decision, timeouts);
            case Accepted accepted -> accepted(command, side, accepted, decision, timeouts);
            case Connected connected -> connected(command, side, connected, decision, timeouts);
        }
        return decision.events();
    }

    /** Folds a whole history, from the initial state. */
    public static CallSession replay(Iterable<? extends CallEvent> history) {
        CallSession state = initialState();
        for (CallEvent event : history) {
            state = evolve(state, event);
        }
        return state;
    }

    /** The state after {@code event}. */
    public static CallSession evolve(CallSession state, CallEvent event) {
        return switch (event) {
            case CallRequested requested -> {
                if (!(state instanceof NotRequested)) {
                    throw unexpected(state, event);
                }
                yield new Ringing(requested.callId(), new CallSetup(requested.memberId(), requested.companionId(),
                        requested.kind(), requested.firstCover()), requested.at());
            }
            case CallAccepted accepted -> {
                Ringing ringing = as(Ringing.class, state, event);
                yield new Accepted(ringing.callId(), ringing.setup(), ringing.requestedAt(), accepted.at(), false,
                        false);
            }
            case ParticipantJoined joined -> {
                Accepted accepted = as(Accepted.class, state, event);
                yield new Accepted(accepted.callId(), accepted.setup(), accepted.requestedAt(), accepted.acceptedAt(),
                        accepted.memberJoined() || joined.side() == Side.MEMBER,
                        accepted.companionJoined() || joined.side() == Side.COMPANION);
            }
            case CallConnected connected -> {
                Accepted accepted = as(Accepted.class, state, event);
                yield new Connected(accepted.callId(), accepted.setup(), accepted.requestedAt(),
                        accepted.acceptedAt(), connected.connectedAt(), connected.connectedAt(),
                        connected.connectedAt(), connected.coveredUntil(), false, 0);
            }
            case PresenceProven proven -> {
                Connected c = as(Connected.class, state, event);
                yield new Connected(c.callId(), c.setup(), c.requestedAt(), c.acceptedAt(), c.connectedAt(),
                        proven.memberSeenAt(), proven.companionSeenAt(), c.coveredUntil(), c.coverageFailing(),
                        c.warnedDownTo());
            }
            case CoverageExtended extended -> {
                Connected c = as(Connected.class, state, event);
                yield new Connected(c.callId(), c.setup(), c.requestedAt(), c.acceptedAt(), c.connectedAt(),
                        c.memberSeenAt(), c.companionSeenAt(), extended.coveredUntil(), false, 0);
            }
            case CallEvent.CoverageNotExtended notExtended -> {
                Connected c = as(Connected.class, state, event);
                boolean moved = !notExtended.coveredUntil().equals(c.coveredUntil());
                yield new Connected(c.callId(), c.setup(), c.requestedAt(), c.acceptedAt(), c.connectedAt(),
                        c.memberSeenAt(), c.companionSeenAt(), notExtended.coveredUntil(), true,
                        moved ? 0 : c.warnedDownTo());
            }
            case BalanceWarning warning -> {
                Connected c = as(Connected.class, state, event);
                yield new Connected(c.callId(), c.setup(), c.requestedAt(), c.acceptedAt(), c.connectedAt(),
                        c.memberSeenAt(), c.companionSeenAt(), c.coveredUntil(), c.coverageFailing(),
                        warning.secondsLeft());
            }
            case CallEnded ended -> switch (state) {
                case Ringing r -> ended(r.callId(), r.setup(), r.requestedAt(), null, ended);
                case Accepted a -> ended(a.callId(), a.setup(), a.requestedAt(), a.acceptedAt(), ended);
                case Connected c -> ended(c.callId(), c.setup(), c.requestedAt(), c.acceptedAt(), ended);
                default -> throw unexpected(state, event);
            };
        };
    }

    /**
     * What the watchdog must schedule for {@code state}, earliest first: every call that has not ended has at least
     * one deadline; an ended or unknown call has none. A deadline may be due already (fire it at once).
     */
    public static List<Deadline> nextDeadlines(CallSession state, CallTimeouts timeouts) {
        List<Deadline> deadlines = new ArrayList<>();
        switch (state) {
            case Ringing r -> deadlines.add(new Deadline(DeadlineKind.RING, ringsUntil(r, timeouts)));
            case Accepted a -> deadlines.add(new Deadline(DeadlineKind.JOIN, a.acceptedAt().plus(timeouts.join())));
            case Connected c -> {
                deadlines.add(new Deadline(DeadlineKind.HEARTBEAT_LOSS, lossDue(c, timeouts)));
                deadlines.add(new Deadline(DeadlineKind.BALANCE, balanceDue(c)));
                nextWarningSeconds(c).ifPresent(seconds -> deadlines.add(new Deadline(DeadlineKind.BALANCE_WARNING,
                        balanceDue(c).minusSeconds(seconds))));
            }
            case NotRequested ignored -> { }
            case Ended ignored -> { }
        }
        deadlines.sort(Comparator.comparing(Deadline::due));
        return List.copyOf(deadlines);
    }

    /**
     * The low-balance warning due at {@code at}, if any (at most one): only while the hold could not be extended,
     * before the balance deadline. When several are due, only the most urgent is given and the others count as
     * given. Each warning is given once per covered time (a successful extension starts over).
     */
    public static List<BalanceWarning> dueWarnings(CallSession state, Instant at) {
        return state instanceof Connected c ? dueWarning(c, at).stream().toList() : List.of();
    }

    /** When {@code state}'s balance deadline falls: the covered time, but never before 60 s connected. */
    public static Instant balanceDue(Connected state) {
        Instant earliest = state.connectedAt().plus(SHORT_CALL);
        return state.coveredUntil().isBefore(earliest) ? earliest : state.coveredUntil();
    }

    /** How {@code side} of a connected call looks at {@code now}, from what the call knows of its presence. */
    public static Liveness liveness(Connected state, Side side, Instant now, CallTimeouts timeouts) {
        return timeouts.liveness(state.seenAt(side), now);
    }

    /** Until when a ringing call rings: after that it is {@link EndReason#MISSED}. */
    public static Instant ringsUntil(Ringing state, CallTimeouts timeouts) {
        return state.requestedAt().plus(timeouts.ring());
    }

    // --- Deciding ----------------------------------------------------------------------------------------------------

    private static List<CallEvent> request(RequestCall request, CallSession state) {
        if (state instanceof NotRequested) {
            return List.of(new CallRequested(request.callId(), request.memberId(), request.companionId(),
                    request.kind(), request.firstCoverSeconds(), request.at()));
        }
        var setup = new CallSetup(request.memberId(), request.companionId(), request.kind());
        if (callId(state).equals(request.callId()) && setup(state).sameCall(setup)) {
            return List.of();
        }
        throw RuleViolation.conflict(CALL_ID_TAKEN, "call id " + request.callId() + " is taken by another call");
    }

    /** The side of the participant the command names, refusing outsiders and the wrong side. */
    private static Optional<Side> checkParticipant(CallCommand command, CallSetup setup) {
        return switch (command) {
            case AcceptCall accept -> Optional.of(requireSide(setup, accept.companionId(), Side.COMPANION));
            case DeclineCall decline -> Optional.of(requireSide(setup, decline.companionId(), Side.COMPANION));
            case CancelCall cancel -> Optional.of(requireSide(setup, cancel.memberId(), Side.MEMBER));
            case HangUp hangUp -> Optional.of(side(setup, hangUp.participantId()));
            case JoinRoom join -> Optional.of(side(setup, join.participantId()));
            default -> Optional.empty();
        };
    }

    private static Side side(CallSetup setup, String participantId) {
        return setup.sideOf(participantId).orElseThrow(() -> RuleViolation.forbidden(NOT_A_PARTICIPANT,
                participantId + " is not part of this call"));
    }

    private static Side requireSide(CallSetup setup, String participantId, Side expected) {
        Side side = side(setup, participantId);
        if (side != expected) {
            throw RuleViolation.forbidden(WRONG_PARTICIPANT, "only the " + expected.name().toLowerCase()
                    + " of the call may do this");
        }
        return side;
    }

    private static void afterEnd(CallCommand command, Ended ended) {
        boolean late = switch (command) {
            case AcceptCall ignored -> ended.acceptedAt() == null;
            case DeclineCall ignored -> ended.reason() != EndReason.DECLINED;
            case CancelCall ignored -> ended.reason() != EndReason.CANCELLED;
            default -> false;
        };
        if (late) {
            throw RuleViolation.conflict(CALL_ENDED, "the call has ended (" + ended.reason() + ")");
        }
    }

    private static void ringing(CallCommand command, Optional<Side> side, Ringing ringing, Decision decision,
                                CallTimeouts timeouts) {
        Instant at = command.at();
        Instant due = ringsUntil(ringing, timeouts);
        if (!at.isBefore(due)) {
            decision.emit(endBeforeConnect(ringing.callId(), ringing.setup(), EndReason.MISSED, null, due, at));
            return;
        }
        switch (command) {
            case AcceptCall accept -> decision.emit(new CallAccepted(ringing.callId(), accept.companionId(), at));
            case DeclineCall decline -> decision.emit(endBeforeConnect(ringing.callId(), ringing.setup(),
                    EndReason.DECLINED, decline.companionId(), at, at));
            case CancelCall cancel -> decision.emit(endBeforeConnect(ringing.callId(), ringing.setup(),
                    EndReason.CANCELLED, cancel.memberId(), at, at));
            case HangUp hangUp -> decision.emit(endBeforeConnect(ringing.callId(), ringing.setup(),
                    side.orElseThrow() == Side.MEMBER ? EndReason.CANCELLED : EndReason.DECLINED,
                    hangUp.participantId(), at, at));
            case EndByStaff staff -> decision.emit(endBeforeConnect(ringing.callId(), ringing.setup(),
                    EndReason.ENDED_BY_STAFF, staff.staffId(), at, at));
            case JoinRoom ignored -> throw RuleViolation.conflict(CALL_NOT_ACCEPTED, "the call was not accepted");
            case ExtendCoverage ignored -> throw notConnected();
            case CoverageNotExtended ignored -> throw notConnected();
            case ProvePresence ignored -> { }
            case Expire ignored -> { }
            case RequestCall ignored -> throw new AssertionError("handled in decide");
        }
    }

    private static void accepted(CallCommand command, Optional<Side> side, Accepted accepted, Decision decision,
                                 CallTimeouts timeouts) {
        Instant at = command.at();
        Instant due = accepted.acceptedAt().plus(timeouts.join());
        if (!at.isBefore(due)) {
            decision.emit(endBeforeConnect(accepted.callId(), accepted.setup(), EndReason.FAILED, null, due, at));
            return;
        }
        switch (command) {
            case JoinRoom join -> {
                Side joining = side.orElseThrow();
                if (!accepted.joined(joining)) {
                    decision.emit(new ParticipantJoined(accepted.callId(), join.participantId(), joining, at));
                    if (accepted.joined(joining.other())) {
                        long cover = accepted.setup().firstCoverSeconds();
                        Instant coveredUntil = at.plusSeconds(cover);
                        decision.emit(new CallConnected(accepted.callId(), at, coveredUntil, at));
                        if (cover < FIRST_HOLD.toSeconds()) {
                            // the balance held less than two minutes: warnings, then the end at the covered time
                            decision.emit(new CallEvent.CoverageNotExtended(accepted.callId(), coveredUntil, at));
                            dueWarning((Connected) decision.state(), at).ifPresent(decision::emit);
                        }
                    }
                }
            }
            case HangUp hangUp -> decision.emit(endBeforeConnect(accepted.callId(), accepted.setup(),
                    EndReason.hungUpBy(side.orElseThrow()), hangUp.participantId(), at, at));
            case EndByStaff staff -> decision.emit(endBeforeConnect(accepted.callId(), accepted.setup(),
                    EndReason.ENDED_BY_STAFF, staff.staffId(), at, at));
            case DeclineCall ignored -> throw notRinging();
            case CancelCall ignored -> throw notRinging();
            case ExtendCoverage ignored -> throw notConnected();
            case CoverageNotExtended ignored -> throw notConnected();
            case AcceptCall ignored -> { }
            case ProvePresence ignored -> { }
            case Expire ignored -> { }
            case RequestCall ignored -> throw new AssertionError("handled in decide");
        }
    }

    private static void connected(CallCommand command, Optional<Side> side, Connected connected,
                                  Decision decision, CallTimeouts timeouts) {
        Instant at = command.at();
        // 1. the facts the command proves
        switch (command) {
            case ProvePresence proof -> prove(decision, cap(proof.memberSeenAt(), at),
                    cap(proof.companionSeenAt(), at), at);
            case JoinRoom ignored -> proveSide(decision, side.orElseThrow(), at);
            case HangUp ignored -> proveSide(decision, side.orElseThrow(), at);
            case ExtendCoverage extend -> {
                if (extend.coveredUntil().isAfter(connected.coveredUntil())) {
                    decision.emit(new CoverageExtended(connected.callId(), extend.coveredUntil(), at));
                }
            }
            case CoverageNotExtended notExtended -> {
                Instant covered = later(connected.coveredUntil(), notExtended.coveredUntil());
                if (!connected.coverageFailing() || covered.isAfter(connected.coveredUntil())) {
                    decision.emit(new CallEvent.CoverageNotExtended(connected.callId(), covered, at));
                }
            }
            default -> { }
        }
        // 2. deadlines due by now
        Connected now = (Connected) decision.state();
        Optional<CallEnded> overdue = overdueEnd(now, at, timeouts);
        if (overdue.isPresent()) {
            decision.emit(overdue.get());
            return;
        }
        // 3. the command's own effect
        switch (command) {
            case HangUp hangUp -> {
                decision.emit(endConnected(now, EndReason.hungUpBy(side.orElseThrow()), hangUp.participantId(), at,
                        at));
                return;
            }
            case EndByStaff staff -> {
                decision.emit(endConnected(now, EndReason.ENDED_BY_STAFF, staff.staffId(), at, at));
                return;
            }
            case DeclineCall ignored -> throw notRinging();
            case CancelCall ignored -> throw notRinging();
            default -> { }
        }
        // 4. a warning due by now
        dueWarning(now, at).ifPresent(decision::emit);
    }

    private static void proveSide(Decision decision, Side side, Instant at) {
        prove(decision, side == Side.MEMBER ? at : null, side == Side.COMPANION ? at : null, at);
    }

    private static void prove(Decision decision, Instant memberSeenAt, Instant companionSeenAt, Instant at) {
        Connected c = (Connected) decision.state();
        Instant member = memberSeenAt == null ? c.memberSeenAt() : later(c.memberSeenAt(), memberSeenAt);
        Instant companion = companionSeenAt == null ? c.companionSeenAt() : later(c.companionSeenAt(), companionSeenAt);
        if (!member.equals(c.memberSeenAt()) || !companion.equals(c.companionSeenAt())) {
            decision.emit(new PresenceProven(c.callId(), member, companion, earlier(member, companion), at));
        }
    }

    private static Optional<CallEnded> overdueEnd(Connected c, Instant at, CallTimeouts timeouts) {
        Instant lossDue = lossDue(c, timeouts);
        Instant balanceDue = balanceDue(c);
        boolean lost = !at.isBefore(lossDue);
        boolean exhausted = !at.isBefore(balanceDue);
        if (lost && (!exhausted || !balanceDue.isBefore(lossDue))) {
            // the loss came first (or at the same moment: presence could not be proven, so it is the loss)
            return Optional.of(endConnected(c, EndReason.CONNECTION_LOST, null, c.bothUntil(), at));
        }
        if (exhausted) {
            return Optional.of(endConnected(c, EndReason.BALANCE_EXHAUSTED, null, balanceDue, at));
        }
        return Optional.empty();
    }

    private static Optional<BalanceWarning> dueWarning(Connected c, Instant at) {
        Instant end = balanceDue(c);
        if (!c.coverageFailing() || !at.isBefore(end)) {
            return Optional.empty();
        }
        Integer due = null;
        for (int seconds : WARNING_SECONDS) {
            if (notGiven(c, seconds) && !at.isBefore(end.minusSeconds(seconds))) {
                due = due == null ? seconds : Math.min(due, seconds);
            }
        }
        return due == null ? Optional.empty() : Optional.of(new BalanceWarning(c.callId(), due, end, at));
    }

    private static Optional<Integer> nextWarningSeconds(Connected c) {
        if (!c.coverageFailing()) {
            return Optional.empty();
        }
        return WARNING_SECONDS.stream().filter(seconds -> notGiven(c, seconds)).max(Integer::compare);
    }

    private static boolean notGiven(Connected c, int seconds) {
        return c.warnedDownTo() == 0 || seconds < c.warnedDownTo();
    }

    private static Instant lossDue(Connected c, CallTimeouts timeouts) {
        return c.bothUntil().plus(timeouts.lostAfter());
    }

    private static CallEnded endBeforeConnect(String callId, CallSetup setup, EndReason reason, String endedBy,
                                              Instant endedAt, Instant at) {
        return new CallEnded(callId, setup.memberId(), setup.companionId(), setup.kind(), reason, endedBy, null,
                endedAt, null, 0, CallVerdict.NOTHING, at);
    }

    /** Ends a connected call at {@code endedAt}; billable until both were last proven present, within coverage. */
    private static CallEnded endConnected(Connected c, EndReason reason, String endedBy, Instant endedAt,
                                          Instant at) {
        Instant connectedAt = c.connectedAt();
        Instant end = later(endedAt, connectedAt);
        Instant billableUntil = later(earlier(earlier(c.bothUntil(), c.coveredUntil()), end), connectedAt);
        long connectedSeconds = Duration.between(connectedAt, end).getSeconds();
        var verdict = CallVerdict.judge(connectedSeconds, Duration.between(connectedAt, billableUntil).getSeconds());
        CallSetup setup = c.setup();
        return new CallEnded(c.callId(), setup.memberId(), setup.companionId(), setup.kind(), reason, endedBy,
                connectedAt, end, billableUntil, connectedSeconds, verdict, at);
    }

    private static Ended ended(String callId, CallSetup setup, Instant requestedAt, Instant acceptedAt,
                               CallEnded e) {
        return new Ended(callId, setup, requestedAt, acceptedAt, e.connectedAt(), e.reason(), e.endedBy(),
                e.endedAt(), e.billableUntil(), e.connectedSeconds(), e.verdict());
    }

    // --- Helpers -----------------------------------------------------------------------------------------------------

    /** The id of a requested call ({@link CallSession.NotRequested} has none). */
    public static String callId(CallSession state) {
        return switch (state) {
            case Ringing r -> r.callId();
            case Accepted a -> a.callId();
            case Connected c -> c.callId();
            case Ended e -> e.callId();
            case NotRequested ignored -> throw new IllegalStateException("no call");
        };
    }

    /** Who calls whom, and how, of a requested call ({@link CallSession.NotRequested} has none). */
    public static CallSetup setup(CallSession state) {
        return switch (state) {
            case Ringing r -> r.setup();
            case Accepted a -> a.setup();
            case Connected c -> c.setup();
            case Ended e -> e.setup();
            case NotRequested ignored -> throw new IllegalStateException("no call");
        };
    }

    private static Instant cap(Instant seenAt, Instant at) {
        return seenAt == null ? null : earlier(seenAt, at);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static RuleViolation notRinging() {
        return RuleViolation.conflict(CALL_NOT_RINGING, "the call is no longer ringing");
    }

    private static RuleViolation notConnected() {
        return RuleViolation.conflict(CALL_NOT_CONNECTED, "the call is not connected");
    }

    private static <T extends CallSession> T as(Class<T> type, CallSession state, CallEvent event) {
        if (type.isInstance(state)) {
            return type.cast(state);
        }
        throw unexpected(state, event);
    }

    private static IllegalStateException unexpected(CallSession state, CallEvent event) {
        return new IllegalStateException(event.getClass().getSimpleName() + " cannot follow "
                + state.getClass().getSimpleName());
    }

    /** The events decided so far and the state they lead to. */
    private static final class Decision {

        private final List<CallEvent> events = new ArrayList<>();
        private CallSession state;

        Decision(CallSession state) {
            this.state = state;
        }

        CallSession state() {
            return state;
        }

        List<CallEvent> events() {
            return List.copyOf(events);
        }

        void emit(CallEvent event) {
            events.add(event);
            state = evolve(state, event);
        }
    }
}
