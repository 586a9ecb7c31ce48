package app.hearth.adapters.presence.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.CHAT_MESSAGE;
import static app.hearth.adapters.shared.jooq.generated.Tables.COMPANION;
import static app.hearth.adapters.shared.jooq.generated.Tables.COMPANION_PRESENCE;
import static app.hearth.adapters.shared.jooq.generated.Tables.COMPANION_PRESENCE_CHANGE;
import static app.hearth.adapters.shared.jooq.generated.Tables.CONVERSATION;
import static app.hearth.adapters.shared.jooq.generated.Tables.REALTIME_NODE;
import static app.hearth.adapters.shared.jooq.generated.Tables.TEAM;
import static app.hearth.adapters.shared.jooq.generated.Tables.USER_ROLE;

import app.hearth.adapters.shared.jooq.generated.tables.records.CompanionPresenceRecord;
import app.hearth.application.presence.PresenceStore;
import app.hearth.domain.presence.Derived;
import app.hearth.domain.presence.PresenceFacts;
import app.hearth.domain.presence.PresenceReason;
import app.hearth.domain.presence.PresenceState;
import app.hearth.domain.realtime.LiveConnectionRules;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record3;
import org.jooq.impl.DSL;

/**
 * Presence in {@code companion_presence} (one row per companion: the facts and the state derived from them) and
 * {@code companion_presence_change} (the log of changes). All in the caller's transaction.
 */
public class JooqPresenceStore implements PresenceStore {

    private final DSLContext sql;

    public JooqPresenceStore(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public Stored lock(String companionId, Instant now) {
        CompanionPresenceRecord row = sql.selectFrom(COMPANION_PRESENCE)
                .where(COMPANION_PRESENCE.COMPANION_ID.eq(companionId)).forUpdate().fetchOne();
        if (row == null) {
            sql.insertInto(COMPANION_PRESENCE)
                    .set(COMPANION_PRESENCE.COMPANION_ID, companionId)
                    .set(COMPANION_PRESENCE.STATE, PresenceState.OFFLINE.name())
                    .set(COMPANION_PRESENCE.STATE_SINCE, utc(now))
                    .set(COMPANION_PRESENCE.UPDATED_AT, utc(now))
                    .set(COMPANION_PRESENCE.REASONS, PresenceReason.NOT_ON_SHIFT + "," + PresenceReason.NOT_CONNECTED)
                    .onConflict(COMPANION_PRESENCE.COMPANION_ID).doNothing()
                    .execute();
            row = sql.selectFrom(COMPANION_PRESENCE).where(COMPANION_PRESENCE.COMPANION_ID.eq(companionId))
                    .forUpdate().fetchSingle();
        }
        return stored(row);
    }

    @Override
    public Optional<Change> save(Stored before, PresenceFacts facts, String connectionNode, Derived derived,
                                 Instant now) {
        boolean changed = derived.state() != before.state();
        sql.update(COMPANION_PRESENCE)
                .set(COMPANION_PRESENCE.STATE, derived.state().name())
                .set(COMPANION_PRESENCE.STATE_SINCE, changed ? utc(now) : utc(before.since()))
                .set(COMPANION_PRESENCE.REASONS, reasons(derived.reasons()))
                .set(COMPANION_PRESENCE.DUE_AT, utc(derived.dueAt()))
                .set(COMPANION_PRESENCE.SHIFT_ID, facts.shiftId())
                .set(COMPANION_PRESENCE.ON_BREAK, facts.onBreak())
                .set(COMPANION_PRESENCE.ON_SHIFT_SINCE, utc(facts.onShiftSince()))
                .set(COMPANION_PRESENCE.CONNECTION_NODE, facts.connected() ? connectionNode : null)
                .set(COMPANION_PRESENCE.CONNECTION_CHANGED_AT, utc(facts.connectionChangedAt()))
                .set(COMPANION_PRESENCE.FOREGROUND, facts.foreground())
                .set(COMPANION_PRESENCE.FOREGROUND_CHANGED_AT, utc(facts.foregroundChangedAt()))
                .set(COMPANION_PRESENCE.CALL_ID, facts.callId())
                .set(COMPANION_PRESENCE.OPEN_CONVERSATIONS, facts.openConversations())
                .set(COMPANION_PRESENCE.CONVERSATIONS_DUE_AT, utc(facts.conversationsDueAt()))
                .set(COMPANION_PRESENCE.UPDATED_AT, utc(now))
                .where(COMPANION_PRESENCE.COMPANION_ID.eq(before.companionId()))
                .execute();
        if (!changed) {
            return Optional.empty();
        }
        long position = sql.insertInto(COMPANION_PRESENCE_CHANGE)
                .set(COMPANION_PRESENCE_CHANGE.COMPANION_ID, before.companionId())
                .set(COMPANION_PRESENCE_CHANGE.STATE, derived.state().name())
                .set(COMPANION_PRESENCE_CHANGE.CHANGED_AT, utc(now))
                .returningResult(COMPANION_PRESENCE_CHANGE.POSITION)
                .fetchSingle().value1();
        return Optional.of(new Change(position, before.companionId(), derived.state(), now));
    }

    @Override
    public OpenConversations openConversations(String companionId, Instant after, Duration window) {
        // open: the latest message is the member's (unanswered), sent within the window
        Record record = sql.select(DSL.count(), DSL.min(CHAT_MESSAGE.SENT_AT))
                .from(CONVERSATION)
                .join(CHAT_MESSAGE).on(CHAT_MESSAGE.CONVERSATION_ID.eq(CONVERSATION.CONVERSATION_ID)
                        .and(CHAT_MESSAGE.SEQ.eq(CONVERSATION.LAST_SEQ)))
                .where(CONVERSATION.COMPANION_ID.eq(companionId))
                .and(CONVERSATION.LAST_ACTIVITY_AT.gt(utc(after)))
                .and(CHAT_MESSAGE.SENT_AT.gt(utc(after)))
                .and(CHAT_MESSAGE.SENDER_ROLE.eq("member"))
                .fetchSingle();
        int count = record.get(0, Integer.class);
        OffsetDateTime oldest = record.get(1, OffsetDateTime.class);
        return new OpenConversations(count, oldest == null ? null : oldest.toInstant().plus(window));
    }

    @Override
    public List<String> due(Instant now, int limit) {
        return sql.select(COMPANION_PRESENCE.COMPANION_ID).from(COMPANION_PRESENCE)
                .where(COMPANION_PRESENCE.DUE_AT.le(utc(now)))
                .orderBy(COMPANION_PRESENCE.DUE_AT)
                .limit(limit)
                .fetch(COMPANION_PRESENCE.COMPANION_ID);
    }

    @Override
    public List<GoneNode> goneNodes() {
        return sql.select(REALTIME_NODE.NODE_ID, REALTIME_NODE.HEARTBEAT_AT).from(REALTIME_NODE)
                .where(REALTIME_NODE.HEARTBEAT_AT.le(DSL.field("now() - make_interval(secs => {0})",
                        OffsetDateTime.class, DSL.val(LiveConnectionRules.GONE_AFTER.toSeconds()))))
                .fetch(row -> new GoneNode(row.value1(), row.value2().toInstant()));
    }

    @Override
    public Set<String> knownNodes() {
        return new HashSet<>(sql.select(REALTIME_NODE.NODE_ID).from(REALTIME_NODE).fetch(REALTIME_NODE.NODE_ID));
    }

    @Override
    public List<String> connectedOn(String nodeId, int limit) {
        return sql.select(COMPANION_PRESENCE.COMPANION_ID).from(COMPANION_PRESENCE)
                .where(COMPANION_PRESENCE.CONNECTION_NODE.eq(nodeId))
                .limit(limit)
                .fetch(COMPANION_PRESENCE.COMPANION_ID);
    }

    @Override
    public List<String> connectedOnUnknownNodes(Instant olderThan, int limit) {
        return sql.select(COMPANION_PRESENCE.COMPANION_ID).from(COMPANION_PRESENCE)
                .where(COMPANION_PRESENCE.CONNECTION_NODE.isNotNull())
                .and(COMPANION_PRESENCE.CONNECTION_CHANGED_AT.lt(utc(olderThan)))
                .and(DSL.notExists(DSL.selectOne().from(REALTIME_NODE)
                        .where(REALTIME_NODE.NODE_ID.eq(COMPANION_PRESENCE.CONNECTION_NODE))))
                .limit(limit)
                .fetch(COMPANION_PRESENCE.COMPANION_ID);
    }

    @Override
    public List<String> watchers(String companionId) {
        var staff = new ArrayList<>(sql.select(USER_ROLE.USER_ID).from(USER_ROLE)
                .where(USER_ROLE.ROLE.in("ADMIN", "SUPERADMIN"))
                .fetch(USER_ROLE.USER_ID));
        sql.select(TEAM.SUPERVISOR_ID).from(COMPANION).join(TEAM).on(TEAM.TEAM_ID.eq(COMPANION.TEAM_ID))
                .where(COMPANION.COMPANION_ID.eq(companionId)).and(TEAM.SUPERVISOR_ID.isNotNull())
                .fetchOptional(TEAM.SUPERVISOR_ID).ifPresent(staff::add);
        return staff;
    }

    @Override
    public Optional<Stored> find(String companionId) {
        return sql.selectFrom(COMPANION_PRESENCE).where(COMPANION_PRESENCE.COMPANION_ID.eq(companionId))
                .fetchOptional().map(JooqPresenceStore::stored);
    }

    @Override
    public List<Stored> board(String supervisorId, int limit) {
        var query = sql.select(COMPANION_PRESENCE.fields()).from(COMPANION_PRESENCE);
        List<Condition> conditions = new ArrayList<>();
        if (supervisorId != null) {
            conditions.add(inTeamOf(supervisorId));
        }
        return query.where(conditions).orderBy(COMPANION_PRESENCE.COMPANION_ID).limit(limit)
                .fetch(row -> stored(row.into(COMPANION_PRESENCE)));
    }

    private static Condition inTeamOf(String supervisorId) {
        return COMPANION_PRESENCE.COMPANION_ID.in(DSL.select(COMPANION.COMPANION_ID).from(COMPANION)
                .join(TEAM).on(TEAM.TEAM_ID.eq(COMPANION.TEAM_ID))
                .where(TEAM.SUPERVISOR_ID.eq(supervisorId)));
    }

    @Override
    public long lastPosition() {
        Long last = sql.select(DSL.max(COMPANION_PRESENCE_CHANGE.POSITION)).from(COMPANION_PRESENCE_CHANGE)
                .fetchSingle().value1();
        return last == null ? 0 : last;
    }

    @Override
    public ChangesPage changesAfter(long after, String supervisorId, int limit, Duration settle) {
        List<Record3<Long, String, OffsetDateTime>> rows = sql.select(COMPANION_PRESENCE_CHANGE.POSITION,
                        COMPANION_PRESENCE_CHANGE.COMPANION_ID, COMPANION_PRESENCE_CHANGE.CHANGED_AT)
                .from(COMPANION_PRESENCE_CHANGE)
                .where(COMPANION_PRESENCE_CHANGE.POSITION.gt(after))
                .orderBy(COMPANION_PRESENCE_CHANGE.POSITION)
                .limit(limit)
                .fetch();
        // positions are taken before commit: a gap may be a transaction still running. Stop before one unless the
        // change after it was recorded over `settle` ago (the gap is then a rolled-back transaction's).
        OffsetDateTime settledBefore = sql.select(DSL.field("now() - make_interval(secs => {0})",
                OffsetDateTime.class, DSL.val(settle.toSeconds()))).fetchSingle().value1();
        long reached = after;
        var positions = new ArrayList<Long>();
        for (var row : rows) {
            long position = row.value1();
            if (position != reached + 1 && !recordedBefore(position, settledBefore)) {
                break;
            }
            positions.add(position);
            reached = position;
        }
        if (positions.isEmpty()) {
            return new ChangesPage(List.of(), reached);
        }
        var query = sql.select(COMPANION_PRESENCE_CHANGE.POSITION, COMPANION_PRESENCE_CHANGE.COMPANION_ID,
                        COMPANION_PRESENCE_CHANGE.STATE, COMPANION_PRESENCE_CHANGE.CHANGED_AT)
                .from(COMPANION_PRESENCE_CHANGE)
                .where(COMPANION_PRESENCE_CHANGE.POSITION.in(positions));
        if (supervisorId != null) {
            query = query.and(COMPANION_PRESENCE_CHANGE.COMPANION_ID.in(DSL.select(COMPANION.COMPANION_ID)
                    .from(COMPANION).join(TEAM).on(TEAM.TEAM_ID.eq(COMPANION.TEAM_ID))
                    .where(TEAM.SUPERVISOR_ID.eq(supervisorId))));
        }
        List<Change> changes = query.orderBy(COMPANION_PRESENCE_CHANGE.POSITION)
                .fetch(row -> new Change(row.value1(), row.value2(), PresenceState.valueOf(row.value3()),
                        row.value4().toInstant()));
        return new ChangesPage(changes, reached);
    }

    private boolean recordedBefore(long position, OffsetDateTime settledBefore) {
        return sql.fetchExists(COMPANION_PRESENCE_CHANGE, COMPANION_PRESENCE_CHANGE.POSITION.eq(position)
                .and(COMPANION_PRESENCE_CHANGE.RECORDED_AT.le(settledBefore)));
    }

    private static Stored stored(CompanionPresenceRecord row) {
        var facts = new PresenceFacts(row.getShiftId(), Boolean.TRUE.equals(row.getOnBreak()),
                instant(row.getOnShiftSince()), row.getConnectionNode() != null,
                instant(row.getConnectionChangedAt()), Boolean.TRUE.equals(row.getForeground()),
                instant(row.getForegroundChangedAt()), row.getCallId(),
                row.getOpenConversations() == null ? 0 : row.getOpenConversations(),
                instant(row.getConversationsDueAt()));
        return new Stored(row.getCompanionId(), facts, row.getConnectionNode(), PresenceState.valueOf(row.getState()),
                row.getStateSince().toInstant(), reasons(row.getReasons()));
    }

    private static Set<PresenceReason> reasons(String stored) {
        if (stored == null || stored.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(stored.split(",")).map(PresenceReason::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(PresenceReason.class)));
    }

    private static String reasons(Set<PresenceReason> reasons) {
        return reasons.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
