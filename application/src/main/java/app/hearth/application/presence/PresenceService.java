package app.hearth.application.presence;

import app.hearth.application.realtime.UserFrames;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.presence.Derived;
import app.hearth.domain.presence.PresenceFacts;
import app.hearth.domain.presence.PresenceReason;
import app.hearth.domain.presence.PresenceRules;
import app.hearth.domain.presence.PresenceState;
import app.hearth.domain.realtime.LiveConnectionRules;
import app.hearth.domain.shared.RuleViolation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Presence derived from facts (adr/0053): every fact is written to the companion's one row and the state derived
 * again by {@link PresenceRules}, in the transaction of the fact (the caller's, when it has one); a change of state is
 * appended to the log and, after commit, sent to the staff watching the companion as a {@link PresenceFrame}.
 */
public class PresenceService implements ShiftPresence, CompanionFacts, Presence, PresenceSweep {

    private static final System.Logger log = System.getLogger(PresenceService.class.getName());
    /** How many due rows one sweep takes at most (the next sweep takes the rest). */
    static final int SWEEP_BATCH = 200;
    /** A gap in the change log younger than this may still be filled by a transaction: the board waits for it. */
    static final Duration SETTLE = Duration.ofSeconds(5);
    public static final String NOT_A_COMPANION = "PRESENCE_NOT_A_COMPANION";

    /** How presence is decided: the rules, and the window in which a member's unanswered message is open. */
    public record Settings(PresenceRules rules, Duration openConversationWindow) {
        public static final Settings DEFAULTS = new Settings(PresenceRules.DEFAULT, Duration.ofHours(24));
    }

    private final PresenceStore store;
    private final Transactions transactions;
    private final UserFrames frames;
    private final Clock clock;
    private final Settings settings;

    public PresenceService(PresenceStore store, Transactions transactions, UserFrames frames, Clock clock,
                           Settings settings) {
        this.store = store;
        this.transactions = transactions;
        this.frames = frames;
        this.clock = clock;
        this.settings = settings;
    }

    // --- the shifts' facts (in the clocking transaction)

    @Override
    public void shiftStarted(String companionId, String shiftId, Instant at) {
        record(companionId, null, facts -> facts.withShift(shiftId, false, at));
    }

    @Override
    public void breakStarted(String companionId, String shiftId, Instant at) {
        record(companionId, null, facts -> facts.withShift(shiftId, true, facts.onShiftSince()));
    }

    @Override
    public void breakEnded(String companionId, String shiftId, Instant at) {
        record(companionId, null, facts -> facts.withShift(shiftId, false, at));
    }

    @Override
    public void shiftEnded(String companionId, String shiftId, Instant at) {
        record(companionId, null, facts -> facts.withShift(null, false, null));
    }

    // --- the other features' facts

    @Override
    public void callStarted(String companionId, String callId, Instant at) {
        record(companionId, null, facts -> facts.withCall(callId));
    }

    @Override
    public void callEnded(String companionId, String callId, Instant at) {
        record(companionId, null, facts -> callId.equals(facts.callId()) ? facts.withCall(null) : facts);
    }

    @Override
    public void conversationsChanged(String companionId, Instant at) {
        record(companionId, null, facts -> facts);
    }

    @Override
    public void connected(String companionId, String nodeId, Instant at) {
        // the app's last report stands on its new connection (a move between nodes keeps the companion available);
        // the app reports again on each connection and each change
        record(companionId, stored -> nodeId, facts -> facts.withConnection(false, at).withConnection(true, at));
    }

    @Override
    public void disconnected(String companionId, String nodeId, Instant at) {
        transactions.run(() -> {
            PresenceStore.Stored stored = store.lock(companionId, clock.instant());
            if (nodeId.equals(stored.connectionNode())) {
                save(stored, stored.facts().withConnection(false, at), null);
            }
        });
    }

    @Override
    public void appReported(String companionId, String nodeId, boolean foreground, Instant at) {
        record(companionId, stored -> nodeId, facts -> facts.withConnection(true, at).withForeground(foreground, at));
    }

    /**
     * Changes the companion's facts under their row's lock, counts their open conversations again, and derives;
     * {@code node} gives the connection's node (null: unchanged).
     */
    private void record(String companionId, java.util.function.Function<PresenceStore.Stored, String> node,
                        UnaryOperator<PresenceFacts> change) {
        transactions.run(() -> {
            PresenceStore.Stored stored = store.lock(companionId, clock.instant());
            save(stored, change.apply(stored.facts()), node == null ? stored.connectionNode() : node.apply(stored));
        });
    }

    /** Counts the open conversations, derives, writes, and sends the change to the watchers after commit. */
    private void save(PresenceStore.Stored stored, PresenceFacts changed, String connectionNode) {
        Instant now = clock.instant();
        PresenceStore.OpenConversations open = store.openConversations(stored.companionId(),
                now.minus(settings.openConversationWindow()), settings.openConversationWindow());
        PresenceFacts facts = changed.withConversations(open.count(), open.oldestLeavesAt());
        Derived derived = settings.rules().derive(facts, now);
        Optional<PresenceStore.Change> change = store.save(stored, facts, connectionNode, derived, now);
        change.ifPresent(made -> transactions.afterCommit(() -> announce(made, derived)));
    }

    private void announce(PresenceStore.Change change, Derived derived) {
        try {
            List<String> watchers = store.watchers(change.companionId());
            if (!watchers.isEmpty()) {
                frames.send(watchers, new PresenceFrame("presence", change.companionId(), change.state().name(),
                        change.changedAt(), sorted(derived.reasons()), change.position()));
            }
        } catch (RuntimeException failed) {
            log.log(System.Logger.Level.WARNING, "the presence frame of " + change.companionId() + " was not sent: "
                    + failed);
        }
    }

    private static List<PresenceReason> sorted(java.util.Set<PresenceReason> reasons) {
        return reasons.stream().sorted().toList();
    }

    // --- the sweep

    @Override
    public void sweep() {
        Instant now = clock.instant();
        for (String companionId : store.due(now, SWEEP_BATCH)) {
            guarded(companionId, () -> record(companionId, null, facts -> facts));
        }
        for (PresenceStore.GoneNode gone : store.goneNodes()) {
            for (String companionId : store.connectedOn(gone.nodeId(), SWEEP_BATCH)) {
                // lost when its node was last heard of: the away time counts from there
                guarded(companionId, () -> disconnected(companionId, gone.nodeId(), gone.lastHeartbeat()));
            }
        }
    }

    @Override
    public void sweepUnknownNodes() {
        Instant now = clock.instant();
        for (String companionId : store.connectedOnUnknownNodes(now.minus(LiveConnectionRules.GONE_AFTER),
                SWEEP_BATCH)) {
            guarded(companionId, () -> transactions.run(() -> {
                PresenceStore.Stored stored = store.lock(companionId, now);
                if (stored.connectionNode() != null && !store.knownNodes().contains(stored.connectionNode())) {
                    save(stored, stored.facts().withConnection(false, now), null);
                }
            }));
        }
    }

    private static void guarded(String companionId, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException failed) {
            log.log(System.Logger.Level.WARNING, "deriving the presence of " + companionId + " again failed: "
                    + failed);
        }
    }

    // --- reading

    @Override
    public View own(Actor companion) {
        if (companion.role() != Role.COMPANION) {
            throw RuleViolation.forbidden(NOT_A_COMPANION, "only a companion has a presence");
        }
        return store.find(companion.userId()).map(PresenceService::view)
                .orElse(new View(companion.userId(), PresenceState.OFFLINE, null,
                        EnumSet.of(PresenceReason.NOT_ON_SHIFT, PresenceReason.NOT_CONNECTED), PresenceFacts.NONE));
    }

    @Override
    public Board board(Actor staff, Long after, int limit) {
        if (!staff.role().isSupervisorOrAbove()) {
            throw RuleViolation.forbidden("PRESENCE_BOARD_STAFF_ONLY", "the presence board is for staff");
        }
        String supervisorId = staff.role().isAdministrator() ? null : staff.userId();
        int bounded = Math.clamp(limit, 1, 1_000);
        if (after == null) {
            long position = store.lastPosition();
            return new Board(store.board(supervisorId, bounded).stream().map(PresenceService::view).toList(),
                    List.of(), position);
        }
        if (after < 0) {
            throw RuleViolation.invalid("PRESENCE_POSITION_INVALID", "after", "after is a position, 0 or more");
        }
        PresenceStore.ChangesPage page = store.changesAfter(after, supervisorId, bounded, SETTLE);
        return new Board(List.of(), page.changes(), page.position());
    }

    private static View view(PresenceStore.Stored stored) {
        return new View(stored.companionId(), stored.state(), stored.since(), stored.reasons(),
                Objects.requireNonNull(stored.facts()));
    }
}
