package app.hearth.adapters.calls.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.CALL_ENDED_COUNT;
import static app.hearth.adapters.shared.jooq.generated.Tables.CALL_VIEW;

import app.hearth.adapters.shared.jooq.BatchWrites;
import app.hearth.adapters.shared.jooq.generated.tables.records.CallEndedCountRecord;
import app.hearth.adapters.shared.jooq.generated.tables.records.CallViewRecord;
import app.hearth.domain.calls.CallEvent.CallEnded;
import app.hearth.domain.calls.CallEvent.CallRequested;
import app.hearth.domain.calls.CallEvent;
import app.hearth.domain.calls.CallTimeouts;
import app.hearth.domain.calls.EndReason;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertSetMoreStep;
import org.jooq.impl.DSL;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code call_view} (one row per call) and {@code call_ended_count} from every {@link CallEvent}. Runs in the
 * processor's transaction, so the rows and the tracking token commit together. Ids come from the payloads, never
 * from the aggregate id. A batch's events are folded per call in memory and written in two statements: the calls'
 * rows are read (locked) once, each event is applied only if its aggregate sequence number is above the row's
 * {@code last_sequence}, and the rows are upserted only forward. A redelivered or replayed event therefore leaves
 * the same row, and a call's end is counted once, in the same transaction as the row that records it.
 */
@Component
@ConditionalOnProperty(name = "hearth.mode", havingValue = "server", matchIfMissing = true)
@ProcessingGroup(CallProjection.PROCESSING_GROUP)
public class CallProjection {

    public static final String PROCESSING_GROUP = "call-read-model";

    private final DSLContext sql;
    private final CallTimeouts timeouts;

    public CallProjection(DSLContext sql, CallTimeouts timeouts) {
        this.sql = sql;
        this.timeouts = timeouts;
    }

    @EventHandler
    void on(CallEvent event, EventMessage<?> message) {
        Long sequence = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;
        BatchWrites.of(PendingWrites.class, PendingWrites::new, writes -> writes.flush(sql, timeouts))
                .add(event, sequence);
    }

    /** One event and its aggregate sequence number (null when it came without one). */
    record Sequenced(CallEvent event, Long sequence) {
    }

    /** The call events of one batch, by call, in order; flushed together just before the batch commits. */
    static final class PendingWrites {

        private final Map<String, List<Sequenced>> byCall = new LinkedHashMap<>();

        void add(CallEvent event, Long sequence) {
            byCall.computeIfAbsent(event.callId(), id -> new ArrayList<>()).add(new Sequenced(event, sequence));
        }

        void flush(DSLContext sql, CallTimeouts timeouts) {
            if (byCall.isEmpty()) {
                return;
            }
            Map<String, CallRow> rows = new HashMap<>();
            sql.selectFrom(CALL_VIEW).where(CALL_VIEW.CALL_ID.in(byCall.keySet())).forUpdate()
                    .forEach(record -> rows.put(record.getCallId(), CallRow.of(record)));
            List<CallViewRecord> changed = new ArrayList<>();
            Map<EndReason, Long> ended = new EnumMap<>(EndReason.class);
            byCall.forEach((callId, events) -> {
                CallRow row = rows.get(callId);
                boolean moved = false;
                for (Sequenced sequenced : events) {
                    CallEvent event = sequenced.event();
                    if (row == null) {
                        if (!(event instanceof CallRequested requested)) {
                            throw new IllegalStateException("call " + callId + " has no row for "
                                    + event.getClass().getSimpleName() + ": its CallRequested was never projected");
                        }
                        row = CallRow.requested(requested, sequenced.sequence() == null ? 0 : sequenced.sequence());
                        moved = true;
                        continue;
                    }
                    long sequence = sequenced.sequence() == null ? row.lastSequence + 1 : sequenced.sequence();
                    if (row.apply(event, sequence)) {
                        moved = true;
                        if (event instanceof CallEnded end) {
                            ended.merge(end.reason(), 1L, Long::sum);
                        }
                    }
                }
                if (moved) {
                    changed.add(row.toRecord(timeouts));
                }
            });
            upsertRows(sql, changed);
            countEnds(sql, ended);
        }

        /** Inserts new rows and moves existing ones forward only (never back to an older sequence). */
        private static void upsertRows(DSLContext sql, List<CallViewRecord> changed) {
            if (changed.isEmpty()) {
                return;
            }
            InsertSetMoreStep<CallViewRecord> insert = null;
            for (CallViewRecord record : changed) {
                insert = (insert == null ? sql.insertInto(CALL_VIEW) : insert.newRecord()).set(record);
            }
            Map<Field<?>, Field<?>> update = new LinkedHashMap<>();
            for (Field<?> field : CALL_VIEW.fields()) {
                if (!field.equals(CALL_VIEW.CALL_ID)) {
                    update.put(field, DSL.excluded(field));
                }
            }
            insert.onConflict(CALL_VIEW.CALL_ID).doUpdate().set(update)
                    .where(CALL_VIEW.LAST_SEQUENCE.lt(DSL.excluded(CALL_VIEW.LAST_SEQUENCE)))
                    .execute();
        }

        private static void countEnds(DSLContext sql, Map<EndReason, Long> ended) {
            if (ended.isEmpty()) {
                return;
            }
            InsertSetMoreStep<CallEndedCountRecord> insert = null;
            for (var reason : ended.entrySet()) {
                insert = (insert == null ? sql.insertInto(CALL_ENDED_COUNT) : insert.newRecord())
                        .set(CALL_ENDED_COUNT.END_REASON, reason.getKey().name())
                        .set(CALL_ENDED_COUNT.CALLS, reason.getValue());
            }
            insert.onConflict(CALL_ENDED_COUNT.END_REASON).doUpdate()
                    .set(CALL_ENDED_COUNT.CALLS, CALL_ENDED_COUNT.CALLS.plus(DSL.excluded(CALL_ENDED_COUNT.CALLS)))
                    .execute();
        }
    }

    /** A reset replays every call event from the start: the read model starts empty, the end counts from zero. */
    @ResetHandler
    void reset() {
        sql.deleteFrom(CALL_ENDED_COUNT).execute();
        sql.deleteFrom(CALL_VIEW).execute();
    }
}
