package app.hearth.adapters.shared.axon.state;

import app.hearth.domain.shared.IdempotencyIndex;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link IdempotencyRecords} in a map, for Axon's aggregate fixtures (no database). */
public class InMemoryIdempotencyRecords extends IdempotencyRecords {

    private final Map<String, Object> records = new HashMap<>();

    public InMemoryIdempotencyRecords() {
        super(null);
    }

    @Override
    public <R extends IdempotencyIndex.Sequenced> Map<String, R> find(String aggregateId, Collection<String> keys,
                                                                      Class<R> type) {
        var found = new HashMap<String, R>();
        keys.forEach(key -> {
            Object record = records.get(aggregateId + "|" + key);
            if (record != null) {
                found.put(key, type.cast(record));
            }
        });
        return found;
    }

    @Override
    public <R extends IdempotencyIndex.Sequenced> void record(String aggregateId,
                                                              List<IdempotencyIndex.Entry<R>> entries) {
        entries.forEach(entry -> entry.keys().forEach(key -> records.putIfAbsent(aggregateId + "|" + key,
                entry.record())));
    }
}
