package app.hearth.application.calls;

import app.hearth.application.calls.Calls.Routed;
import app.hearth.application.money.metering.Metering;
import app.hearth.application.realtime.UserFrames;
import app.hearth.application.routing.Router;
import app.hearth.application.routing.RoutingLog;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.calls.CallCommand;
import app.hearth.domain.calls.CallDecider;
import app.hearth.domain.calls.CallSession;
import app.hearth.domain.calls.CallSession.NotRequested;
import app.hearth.domain.calls.CallSetup;
import app.hearth.domain.calls.EndReason;
import app.hearth.domain.money.wallet.CallKind;
import app.hearth.domain.routing.RoutingDecision;
import app.hearth.domain.routing.RoutingFilters;
import app.hearth.domain.routing.RoutingRequest;
import app.hearth.domain.routing.RoutingRule;
import app.hearth.domain.shared.RuleViolation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Calls for "anyone available" (semantics.md, "Routing"; ADR 0054): the {@link Router}'s ranking, then the first
 * candidate who can be claimed rings, in one transaction that locks the companion's presence (still
 * {@code AVAILABLE}), claims both lines (so of two members asking for the last companion exactly one rings them) and
 * records the decision. A declined or missed routed call goes to the next candidate, at most {@value #MAX_OFFERS}
 * offers; when nobody can be offered the member waits in the queue of their language, which the dispatcher
 * ({@link #dispatch}) serves, head first, as companions become available; a place lapses after the maximum wait.
 */
public class CallRouting implements WaitingQueue {

    public static final String NO_COMPANION_AVAILABLE = Router.NO_COMPANION_AVAILABLE;
    public static final String WAITING_IN_QUEUE = "WAITING_IN_QUEUE";
    /** How many companions one request is offered before the member waits. */
    public static final int MAX_OFFERS = 3;
    /** A call that ended longer ago than this is not re-offered (a processor catching up on old events). */
    static final Duration STALE = Duration.ofMinutes(2);
    private static final int DISPATCH_BATCH = 500;

    private final Router router;
    private final CallChanges changes;
    private final CallLines lines;
    private final Metering metering;
    private final CallQueue queue;
    private final UserFrames frames;
    private final Clock clock;
    private final Duration maxWait;
    private final Duration waitPerPosition;

    public CallRouting(Router router, CallChanges changes, CallLines lines, Metering metering, CallQueue queue,
                       UserFrames frames, Clock clock, Duration maxWait, Duration waitPerPosition) {
        this.router = router;
        this.changes = changes;
        this.lines = lines;
        this.metering = metering;
        this.queue = queue;
        this.frames = frames;
        this.clock = clock;
        this.maxWait = maxWait;
        this.waitPerPosition = waitPerPosition;
    }

    /** See {@link Calls#requestAnyone}. */
    public Routed requestAnyone(Actor member, String callId, CallKind kind, RoutingFilters filters) {
        if (member.role() != Role.MEMBER) {
            throw RuleViolation.forbidden(CallRequests.ONLY_MEMBERS_CALL, "only members place calls");
        }
        RuleViolation.require(kind, "kind");
        String id = CallRequests.callId(callId);
        CallSession existing = changes.state(id);
        if (!(existing instanceof NotRequested)) {
            CallSetup setup = CallDecider.setup(existing);
            if (!setup.memberId().equals(member.userId()) || setup.kind() != kind) {
                throw RuleViolation.conflict(CallDecider.CALL_ID_TAKEN, "call id " + id + " is taken by another call");
            }
            return rung(changes.status(existing, null), router.forCall(id).map(RoutingLog.Entry::rule)
                    .orElse(RoutingRule.NEXT_AVAILABLE));
        }
        Optional<CallQueue.Waiting> waiting = queue.of(member.userId());
        if (waiting.isPresent()) {
            return new Routed.Waiting(view(waiting.get()));
        }
        Instant now = clock.instant();
        RoutingRequest request = router.request(member.userId(), filters, Set.of());
        Optional<Rang> rang = attempt(request, id, 1, id, kind, now, null, null, () -> true);
        if (rang.isPresent()) {
            return rung(changes.status(rang.get().session(), null), rang.get().rule());
        }
        return new Routed.Waiting(join(request, id, 1, UUID.randomUUID().toString(), kind, now));
    }

    private static Routed.Rung rung(Calls.CallStatus status, RoutingRule rule) {
        return new Routed.Rung(status, rule.name(), rule.explanation());
    }

    /** A ring routing made: the call, and the rule recorded for it. */
    record Rang(CallSession session, String companionId, RoutingRule rule) {
    }

    /** Thrown inside the ring's transaction to roll it back when the queue place it answers was already left. */
    private static final class PlaceGone extends RuntimeException {
        PlaceGone() {
            super(null, null, false, false);
        }
    }

    /**
     * One decision: the ranking, the member's hold, then in one transaction the member's line, the first candidate
     * still available whose line is free, the ring and the decision's record; empty (the hold released, nobody
     * rung, the decision recorded all the same) when nobody could be offered. {@code stillWanted} runs first in the
     * transaction: false rolls everything back (a queue place left meanwhile).
     */
    Optional<Rang> attempt(RoutingRequest request, String requestId, int attempt, String callId, CallKind kind,
                           Instant now, Long waitedSeconds, Instant freeBy, BooleanSupplier stillWanted) {
        RoutingDecision decision = router.decide(request, now, freeBy);
        String memberId = request.memberId();
        if (decision.ranked().isEmpty()) {
            if (freeBy != null) {
                // a dispatcher pass that finds nobody for a waiting member records nothing: their wait was
                // recorded when they joined, and a row a second per waiting member would bury the decisions
                return Optional.empty();
            }
            changes.inTransaction(() -> {
                router.record(requestId, attempt, "CALL", request, kind.name(), null, decision, null, waitedSeconds,
                        now);
                return null;
            });
            return Optional.empty();
        }
        // the hold first: no ringing without a billable minute, and nothing else may spend it meanwhile
        long firstCover = metering.placeHold(memberId, CallsService.holdId(callId), kind,
                CallDecider.FIRST_HOLD.toSeconds(), now).coveredSeconds();
        Rang rang;
        try {
            rang = changes.inTransaction(() -> {
                if (!stillWanted.getAsBoolean()) {
                    throw new PlaceGone();
                }
                if (!lines.claim(memberId, callId)) {
                    throw RuleViolation.conflict(CallRequests.MEMBER_IN_CALL, "you are in another call; end it first");
                }
                for (String candidate : decision.order()) {
                    if (router.lockAvailable(candidate) && lines.claim(candidate, callId)) {
                        CallSession ringing = changes.settle(changes.send(new CallCommand.RequestCall(callId,
                                memberId, candidate, kind, firstCover, now)), now);
                        router.record(requestId, attempt, "CALL", request, kind.name(), callId, decision, candidate,
                                waitedSeconds, now);
                        return new Rang(ringing, candidate, decision.ruleFor(candidate));
                    }
                }
                lines.release(callId);
                router.record(requestId, attempt, "CALL", request, kind.name(), null, decision, null, waitedSeconds,
                        now);
                return null;
            });
        } catch (PlaceGone gone) {
            rang = null;
        } catch (RuntimeException refused) {
            metering.releaseHold(memberId, CallsService.holdId(callId), now);
            throw refused;
        }
        if (rang == null) {
            metering.releaseHold(memberId, CallsService.holdId(callId), now);
        }
        return Optional.ofNullable(rang);
    }

    private WaitingQueue.QueueView join(RoutingRequest request, String requestId, int attempt, String callId,
                                        CallKind kind, Instant now) {
        queue.join(new CallQueue.Waiting(request.memberId(), request.queueLanguage(), requestId, attempt, callId,
                kind, Router.encode(request.filters()), request.excluded(), now, now.plus(maxWait)));
        var place = queue.of(request.memberId()).orElseThrow();
        var view = view(place);
        frames.send(List.of(request.memberId()), CallQueueFrames.QueueFrame.waiting(view));
        return view;
    }

    private WaitingQueue.QueueView view(CallQueue.Waiting place) {
        return view(place, queue.position(place.memberId()));
    }

    private WaitingQueue.QueueView view(CallQueue.Waiting place, long position) {
        return new WaitingQueue.QueueView(place.language(), position, position * waitPerPosition.toSeconds(),
                place.kind(), place.callId(), place.enqueuedAt(), place.expiresAt());
    }

    /**
     * A routed call ended: when its companion declined or missed it, the next candidate is offered (the ones offered
     * already left out), up to {@value #MAX_OFFERS} offers; after that, or when nobody is available, the member waits.
     * Repeating it for the same call changes nothing.
     */
    public void callEnded(String callId, EndReason reason, Instant endedAt) {
        if (reason != EndReason.DECLINED && reason != EndReason.MISSED) {
            return;
        }
        Instant clockNow = clock.instant();
        if (endedAt.isBefore(clockNow.minus(STALE))) {
            return;
        }
        // never before the end itself: a node whose clock is behind the ending node's (any node may handle the end)
        // must not time the next offer or the member's wait out before it began
        Instant now = endedAt.isAfter(clockNow) ? endedAt : clockNow;
        RoutingLog.Entry ended = router.forCall(callId).orElse(null);
        if (ended == null || !"CALL".equals(ended.purpose())) {
            return;
        }
        List<RoutingLog.Entry> chain = router.ofRequest(ended.requestId());
        if (chain.stream().anyMatch(entry -> entry.attempt() > ended.attempt())
                || queue.of(ended.memberId()).isPresent()) {
            return; // handled already
        }
        Set<String> offered = new HashSet<>();
        chain.stream().map(RoutingLog.Entry::chosenId).filter(java.util.Objects::nonNull).forEach(offered::add);
        CallKind kind = CallKind.valueOf(ended.kind());
        try {
            RoutingRequest request = router.request(ended.memberId(), Router.decode(ended.filters()), offered);
            String next = UUID.randomUUID().toString();
            if (offered.size() < MAX_OFFERS) {
                Optional<Rang> rang = attempt(request, ended.requestId(), ended.attempt() + 1, next, kind, now, null,
                        null,
                        () -> true);
                if (rang.isPresent()) {
                    return;
                }
                join(request, ended.requestId(), ended.attempt() + 1, UUID.randomUUID().toString(), kind, now);
            } else {
                join(request, ended.requestId(), ended.attempt(), next, kind, now);
            }
        } catch (RuleViolation refused) {
            // the member cannot be offered anyone now (no billable minute, in another call, no profile): they call
            // again themselves; the ended call's signal has told them it ended
        }
    }

    /**
     * One pass of the dispatcher (on one node at a time): places past their wait leave, then each waiting member,
     * head of each line first, is offered the best available companion who was free when the pass began (one who
     * becomes available during the pass is the next pass's, so the head of the line is offered them, not a later
     * member whose turn came after they did); those left waiting hear their new positions when anything moved.
     * Answers how many members were rung.
     */
    public int dispatch() {
        if (!queue.anyWaiting()) {
            return 0;
        }
        Instant now = clock.instant();
        boolean moved = false;
        for (CallQueue.Waiting lapsed : queue.expired(now, DISPATCH_BATCH)) {
            if (queue.leave(lapsed.memberId(), lapsed.requestId())) {
                frames.send(List.of(lapsed.memberId()), CallQueueFrames.QueueFrame.left(lapsed.language(),
                        "TIMED_OUT"));
                moved = true;
            }
        }
        int rung = 0;
        // nobody available: one indexed look instead of a ranking per waiting member
        List<CallQueue.Waiting> waiting = router.anyAvailable() ? queue.inOrder(DISPATCH_BATCH) : List.of();
        for (CallQueue.Waiting place : waiting) {
            try {
                RoutingRequest request = router.request(place.memberId(), Router.decode(place.filters()),
                        place.excluded());
                Optional<Rang> rang = attempt(request, place.requestId(), place.attempt() + 1, place.callId(),
                        place.kind(), now, Duration.between(place.enqueuedAt(), now).toSeconds(), now,
                        () -> queue.leave(place.memberId(), place.requestId()));
                if (rang.isPresent()) {
                    frames.send(List.of(place.memberId()), CallQueueFrames.QueueFrame.matched(place.language(),
                            place.callId(), rang.get().companionId()));
                    rung++;
                    moved = true;
                }
            } catch (RuleViolation refused) {
                if (queue.leave(place.memberId(), place.requestId())) {
                    frames.send(List.of(place.memberId()), CallQueueFrames.QueueFrame.left(place.language(),
                            refused.code()));
                    moved = true;
                }
            }
        }
        if (moved) {
            tellPositions();
        }
        return rung;
    }

    private void tellPositions() {
        Map<String, Long> perLine = new HashMap<>();
        for (CallQueue.Waiting place : queue.inOrder(DISPATCH_BATCH)) {
            long position = perLine.merge(place.language(), 1L, Long::sum);
            frames.send(List.of(place.memberId()), CallQueueFrames.QueueFrame.waiting(view(place, position)));
        }
    }

    /** Runs {@link #dispatch} unless another node is dispatching. */
    public void dispatchExclusively() {
        queue.exclusively(this::dispatch);
    }

    @Override
    public Optional<QueueView> mine(Actor member) {
        return queue.of(member.userId()).map(this::view);
    }

    @Override
    public void leave(Actor member) {
        CallQueue.Waiting place = queue.of(member.userId()).orElseThrow(() -> RuleViolation.notFound(NOT_WAITING,
                "you are not waiting in the queue"));
        if (queue.leave(place.memberId(), place.requestId())) {
            frames.send(List.of(place.memberId()), CallQueueFrames.QueueFrame.left(place.language(), "CANCELLED"));
            tellPositions();
        }
    }
}
