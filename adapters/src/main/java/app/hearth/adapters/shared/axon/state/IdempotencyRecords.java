package app.hearth.adapters.shared.axon.state;

import static app.hearth.adapters.shared.jooq.generated.Tables.IDEMPOTENCY_RECORD;

import app.hearth.domain.shared.IdempotencyIndex;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every idempotency key an aggregate carried out, for ever (ADR 0041): the in-memory {@link IdempotencyIndex} of a
 * wallet or an earnings account forgets its older records, and its Axon shell looks a forgotten key up here (only
 * when the index says it {@linkplain IdempotencyIndex#mayHaveForgotten may have forgotten} it). The shell writes what
 * a command recorded in the command's own transaction, with the events it appends: both commit, or neither.
 */
@Component
public class IdempotencyRecords {

    private static final String INSERT = "insert into idempotency_record (aggregate_id, idempotency_key,"
            + " record_sequence, recorded) values (?, ?, ?, ?) on conflict do nothing";

    private final DSLContext sql;
    private final JsonMapper json = JsonMapper.builder().build();

    public IdempotencyRecords(DSLContext sql) {
        this.sql = sql;
    }

    /** The records of {@code aggregateId} under those of {@code keys} it carried out; no query for no keys. */
    public <R extends IdempotencyIndex.Sequenced> Map<String, R> find(String aggregateId, Collection<String> keys,
                                                                      Class<R> type) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        return sql.select(IDEMPOTENCY_RECORD.IDEMPOTENCY_KEY, IDEMPOTENCY_RECORD.RECORDED)
                .from(IDEMPOTENCY_RECORD)
                .where(IDEMPOTENCY_RECORD.AGGREGATE_ID.eq(aggregateId), IDEMPOTENCY_RECORD.IDEMPOTENCY_KEY.in(keys))
                .fetch().stream()
                .collect(Collectors.toMap(row -> row.value1(), row -> json.readValue(row.value2(), type)));
    }

    /**
     * Writes down what {@code aggregateId} just recorded, every record under each of its keys, in one statement.
     * A key already there is left as it is: only a command deciding on a stale state could write it again, and its
     * events then meet the event store's (aggregate, sequence) key and fail.
     */
    public <R extends IdempotencyIndex.Sequenced> void record(String aggregateId,
                                                              List<IdempotencyIndex.Entry<R>> entries) {
        if (entries.isEmpty()) {
            return;
        }
        // plain JDBC on the transaction's connection: this runs once per command, and rendering it with jOOQ cost
        // more than the insert itself (R2 profile)
        sql.connection(connection -> {
            try (var insert = connection.prepareStatement(INSERT)) {
                for (IdempotencyIndex.Entry<R> entry : entries) {
                    String recorded = json.writeValueAsString(entry.record());
                    for (String key : entry.keys()) {
                        insert.setString(1, aggregateId);
                        insert.setString(2, key);
                        insert.setLong(3, entry.record().sequence());
                        insert.setString(4, recorded);
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
        });
    }
}
