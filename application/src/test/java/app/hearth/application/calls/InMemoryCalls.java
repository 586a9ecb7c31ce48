package app.hearth.application.calls;

import app.hearth.application.access.TeamDirectory;
import app.hearth.application.calls.CallQueries.CallStats;
import app.hearth.application.calls.CallQueries.CallView;
import app.hearth.application.calls.CallQueries.LiveCall;
import app.hearth.application.calls.CallQueries.LiveCounts;
import app.hearth.application.companions.CompanionRegistry;
import app.hearth.application.deadlines.Deadlines;
import app.hearth.application.media.MediaAccess;
import app.hearth.application.media.MediaRooms;
import app.hearth.application.money.metering.Metering;
import app.hearth.application.shared.Page;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.access.CompanionScope.Reach;
import app.hearth.domain.calls.CallCommand;
import app.hearth.domain.calls.CallDecider;
import app.hearth.domain.calls.CallEvent;
import app.hearth.domain.calls.CallSession;
import app.hearth.domain.calls.CallTimeouts;
import app.hearth.domain.calls.Side;
import app.hearth.domain.companions.CompanionProfile;
import app.hearth.domain.companions.CompanionStatus;
import app.hearth.domain.money.wallet.CallKind;
import app.hearth.domain.money.wallet.CallVerdict;
import app.hearth.domain.money.wallet.MeterUnit;
import app.hearth.domain.money.wallet.WalletReceipt;
import app.hearth.domain.shared.TransientConflict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The calls' secondary ports in memory, for the calls use cases' unit tests: the command bus runs the real
 * {@link CallDecider} on each call's events, and can be told to lose a race a few times ({@link #conflicts}).
 */
class InMemoryCalls {

    static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    static final CallTimeouts TIMEOUTS = CallTimeouts.DEFAULTS;

    /** A clock the test moves. */
    Instant now = T0;
    final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    // --- the command bus and the event store -------------------------------------------------------------------

    final Map<String, List<CallEvent>> events = new HashMap<>();
    final List<CallCommand> sent = new ArrayList<>();
    /** How many of the next commands lose a race (nothing recorded) before one goes through. */
    int conflicts;

    final CallStates states = callId -> CallDecider.replay(events.getOrDefault(callId, List.of()));

    final CallCommandBus commands = command -> {
        if (conflicts > 0) {
            conflicts--;
            throw new TransientConflict("call " + command.callId() + " changed concurrently");
        }
        CallSession state = states.state(command.callId());
        List<CallEvent> decided = CallDecider.decide(command, state, TIMEOUTS);
        events.computeIfAbsent(command.callId(), id -> new ArrayList<>()).addAll(decided);
        sent.add(command);
        return states.state(command.callId());
    };

    int transactionsRun;
    final Transactions transactions = new Transactions() {
        @Override
        public void afterCommit(Runnable work) {
            work.run();
        }

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            transactionsRun++;
            return work.get();
        }

        @Override
        public <T> T inNewTransaction(Supplier<T> work) {
            return inTransaction(work);
        }
    };

    // --- lines, wake-ups, the liveness board --------------------------------------------------------------------

    final Map<String, String> lineOf = new HashMap<>();
    final CallLines lines = new CallLines() {
        @Override
        public boolean claim(String userId, String callId) {
            return callId.equals(lineOf.computeIfAbsent(userId, user -> callId));
        }

        @Override
        public void release(String callId) {
            lineOf.values().removeIf(callId::equals);
        }

        @Override
        public Set<String> busy(Collection<String> userIds) {
            Set<String> busy = new HashSet<>(userIds);
            busy.retainAll(lineOf.keySet());
            return busy;
        }
    };

    final Map<String, Instant> wakeUps = new HashMap<>();
    final List<String> locked = new ArrayList<>();
    final Deadlines deadlines = new Deadlines() {
        @Override
        public void schedule(String kind, String key, Instant due) {
            wakeUps.put(kind + ":" + key, due);
        }

        @Override
        public void cancel(String kind, String key) {
            wakeUps.remove(kind + ":" + key);
        }

        @Override
        public void lock(String kind, String key) {
            locked.add(kind + ":" + key);
        }

        @Override
        public Optional<Instant> due(String kind, String key) {
            return Optional.ofNullable(wakeUps.get(kind + ":" + key));
        }

        @Override
        public Set<String> scheduled(String kind, Collection<String> keys) {
            Set<String> scheduled = new HashSet<>();
            keys.forEach(key -> {
                if (wakeUps.containsKey(kind + ":" + key)) {
                    scheduled.add(key);
                }
            });
            return scheduled;
        }
    };

    final Map<String, LivenessBoard.Seen> seen = new HashMap<>();
    final LivenessBoard board = new LivenessBoard() {
        @Override
        public void beat(String callId, Side side, Instant at) {
            var before = seen.getOrDefault(callId, new Seen(null, null));
            seen.put(callId, side == Side.MEMBER ? new Seen(at, before.companionSeenAt())
                    : new Seen(before.memberSeenAt(), at));
        }

        @Override
        public Optional<Seen> seen(String callId) {
            return Optional.ofNullable(seen.get(callId));
        }

        @Override
        public void forget(String callId) {
            seen.remove(callId);
        }
    };

    // --- the wallet's holds ------------------------------------------------------------------------------------

    /** Seconds each hold covers; a hold id not here was never placed or was released. */
    final Map<String, Long> holds = new LinkedHashMap<>();
    final List<String> released = new ArrayList<>();
    final List<String> extensions = new ArrayList<>();
    final Metering metering = new Metering() {
        @Override
        public boolean canStart(String memberId, CallKind kind, Instant at) {
            return true;
        }

        @Override
        public HoldResult placeHold(String memberId, String holdId, CallKind kind, long seconds, Instant at) {
            holds.putIfAbsent(holdId, seconds);
            return result(holdId);
        }

        @Override
        public HoldResult extendHold(String memberId, String holdId, String extensionId, long seconds, Instant at) {
            if (!extensions.contains(extensionId)) {
                extensions.add(extensionId);
                holds.merge(holdId, seconds, Long::sum);
            }
            return result(holdId);
        }

        @Override
        public Optional<HoldResult> hold(String memberId, String holdId, Instant at) {
            return holds.containsKey(holdId) ? Optional.of(result(holdId)) : Optional.empty();
        }

        @Override
        public HoldResult captureHold(String memberId, String holdId, CallVerdict verdict, Instant at) {
            throw new UnsupportedOperationException("settling is CallSettlement's");
        }

        @Override
        public HoldResult releaseHold(String memberId, String holdId, Instant at) {
            released.add(holdId);
            holds.remove(holdId);
            return new HoldResult(holdId, WalletReceipt.HoldStatus.RELEASED, MeterUnit.TOKENS, 0, 0, 0, 0, false);
        }

        @Override
        public MessageCharge chargeMessage(String memberId, String messageId, String companionId, Instant at) {
            throw new UnsupportedOperationException();
        }

        private HoldResult result(String holdId) {
            long covered = holds.get(holdId);
            return new HoldResult(holdId, WalletReceipt.HoldStatus.OPEN, MeterUnit.TOKENS, covered, covered, 0, 0,
                    false);
        }
    };

    // --- companions, teams, the read model, the media server ----------------------------------------------------

    final Map<String, CompanionRegistry.Companion> companionRows = new LinkedHashMap<>();
    final CompanionRegistry companions = new CompanionRegistry() {
        @Override
        public Optional<Companion> find(String companionId) {
            return Optional.ofNullable(companionRows.get(companionId));
        }

        @Override
        public List<Companion> search(Query query) {
            return companionRows.values().stream().limit(query.limit()).toList();
        }

        @Override
        public Optional<Companion> lock(String companionId) {
            return find(companionId);
        }

        @Override
        public boolean invite(String companionId, String displayName, String invitedBy, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void saveProfile(String companionId, CompanionProfile profile, CompanionStatus status, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setStatus(String companionId, CompanionStatus status, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setTeam(String companionId, String teamId, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> inTeam(String teamId) {
            return List.of();
        }
    };

    void companion(String companionId, boolean available) {
        companionRows.put(companionId, new CompanionRegistry.Companion(companionId, CompanionStatus.ACTIVE,
                companionId, null, null, null, 0, "admin", T0, T0, available ? T0 : null));
    }

    final Map<String, String> supervisorOf = new HashMap<>();
    final TeamDirectory teams = companionId -> Optional.ofNullable(supervisorOf.get(companionId));

    final Map<String, Long> callsToday = new HashMap<>();
    final CallQueries queries = new CallQueries() {
        @Override
        public Map<String, Long> callsOn(Set<String> companionIds, LocalDate day, ZoneId zone) {
            Map<String, Long> counts = new HashMap<>(callsToday);
            counts.keySet().retainAll(companionIds);
            return counts;
        }

        @Override
        public Optional<CallView> call(String callId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Page<CallView> history(String userId, String cursor, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<CallView> live() {
            return List.of();
        }

        @Override
        public boolean inCall(String companionId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<CallStats> stats(Instant from, Instant to, Reach reach) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<LiveCall> liveBoard(Reach reach) {
            throw new UnsupportedOperationException();
        }

        @Override
        public LiveCounts liveCounts() {
            throw new UnsupportedOperationException();
        }
    };

    final MediaRooms rooms = (room, identity, displayName, joinWindow, at) -> new MediaAccess("wss://media", room,
            identity, "token-" + identity, at.plus(joinWindow));

    // --- the use cases, wired as the configuration wires them --------------------------------------------------

    final CallChanges changes = new CallChanges(commands, states, lines, deadlines, board, transactions, TIMEOUTS);
    final CallRequests requests = new CallRequests(changes, lines, metering, companions, teams, companionId -> true, rooms,
            clock, Duration.ofSeconds(60));
    final CallPresence presence = new CallPresence(changes, board, clock);
    final CallCheckpoints checkpoints = new CallCheckpoints(changes, metering, clock);
    // routing "anyone" needs the database (its ranking is domain.routing's, its ringing is in the routing ITs)
    final Calls calls = new CallsService(requests, presence, null);
}
