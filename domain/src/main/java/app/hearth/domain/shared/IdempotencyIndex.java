package app.hearth.domain.shared;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an aggregate has carried out, looked up by idempotency key (ADR 0037): the same key twice has the effect of
 * once, and a retry is answered from what the first one recorded. Nothing is ever forgotten: an index holds every
 * key of its aggregate's history. One record may be found under several keys.
 *
 * <p>Values behave as immutable: {@link #with} returns a new index and a lookup on an older index never sees a
 * record added after it. Successive indexes share one map, so recording costs O(1) instead of a copy of the whole
 * history; only when an older index is extended a second time (a branch) is the map copied.
 *
 * @param <R> what is recorded; its {@link Sequenced#sequence()} grows with every record added
 */
public final class IdempotencyIndex<R extends IdempotencyIndex.Sequenced> {

    /** A record of an index: its sequence orders the records and tells which index may see it. */
    public interface Sequenced {
        long sequence();
    }

    private final Map<String, R> byKey;
    private final long lastSequence;
    private final Object[] owner;

    private IdempotencyIndex(Map<String, R> byKey, long lastSequence, Object[] owner) {
        this.byKey = byKey;
        this.lastSequence = lastSequence;
        this.owner = owner;
    }

    /** The index of an aggregate that has carried out nothing yet. */
    public static <R extends Sequenced> IdempotencyIndex<R> none() {
        return new IdempotencyIndex<>(new ConcurrentHashMap<>(), 0, new Object[] {null});
    }

    /** The record under {@code key}, if this index has seen it. */
    public Optional<R> find(String key) {
        R record = byKey.get(key);
        return record != null && record.sequence() <= lastSequence ? Optional.of(record) : Optional.empty();
    }

    public boolean contains(String key) {
        return find(key).isPresent();
    }

    /** The sequence of the last record this index sees; 0 when it sees none. */
    public long lastSequence() {
        return lastSequence;
    }

    /** This index plus {@code record} under every one of {@code keys}. */
    public synchronized IdempotencyIndex<R> with(R record, String... keys) {
        Map<String, R> map = byKey;
        Object[] shared = owner;
        if (owner[0] != null && owner[0] != this) {
            // A later index already extended the shared map: copy what this index sees, and branch.
            map = new ConcurrentHashMap<>(visible());
            shared = new Object[] {null};
        }
        for (String key : keys) {
            map.put(key, record);
        }
        var next = new IdempotencyIndex<>(map, record.sequence(), shared);
        shared[0] = next;
        return next;
    }

    private Map<String, R> visible() {
        var visible = new HashMap<String, R>();
        byKey.forEach((key, record) -> {
            if (record.sequence() <= lastSequence) {
                visible.put(key, record);
            }
        });
        return visible;
    }

    /** Two indexes are equal when they see the same records under the same keys. */
    @Override
    public boolean equals(Object other) {
        return other instanceof IdempotencyIndex<?> that && lastSequence == that.lastSequence
                && visible().equals(that.visible());
    }

    @Override
    public int hashCode() {
        return Long.hashCode(lastSequence);
    }

    @Override
    public String toString() {
        return "IdempotencyIndex[" + lastSequence + "]";
    }
}
