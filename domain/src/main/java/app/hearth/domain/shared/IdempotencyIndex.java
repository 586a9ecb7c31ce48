package app.hearth.domain.shared;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an aggregate has carried out, looked up by idempotency key (ADR 0037): the same key twice has the effect of
 * once, and a retry is answered from what the first one recorded. One record may be found under several keys.
 *
 * <p>An index remembers its last {@link #capacity()} records in memory (ADR 0041); an older record falls out. A key
 * that is not {@linkplain #find found} may then still have been carried out: {@link #mayHaveForgotten} says so, and
 * the caller looks the key up where every record is kept for ever (the adapters' idempotency table) and hands what
 * it found back with {@link #recalling}. An index of unbounded capacity ({@link #none()}) forgets nothing.
 *
 * <p>Values behave as immutable: {@link #with} returns a new index and a lookup on an older index never sees a
 * record added after it. Successive indexes share one map, so recording costs O(1) instead of a copy of the whole
 * history; only when an older index is extended a second time (a branch) is the map copied.
 *
 * @param <R> what is recorded; its {@link Sequenced#sequence()} grows with every record added
 */
public final class IdempotencyIndex<R extends IdempotencyIndex.Sequenced> {

    /** The capacity of an index that never forgets. */
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    /** A record of an index: its sequence orders the records and tells which index may see it. */
    public interface Sequenced {
        long sequence();
    }

    /** One record and the keys it is found under. */
    public record Entry<R extends Sequenced>(List<String> keys, R record) {
        public Entry {
            keys = List.copyOf(keys);
        }
    }

    /** What successive indexes share: the map, the records in order, who may extend them, and what fell out. */
    private static final class Shared<R extends Sequenced> {
        final Map<String, R> byKey;
        final ArrayDeque<Entry<R>> order;
        Object owner;
        long forgottenThrough;

        Shared(Map<String, R> byKey, ArrayDeque<Entry<R>> order, long forgottenThrough) {
            this.byKey = byKey;
            this.order = order;
            this.forgottenThrough = forgottenThrough;
        }
    }

    private final Shared<R> shared;
    private final int capacity;
    private final long lastSequence;
    private final Map<String, R> recalled;

    private IdempotencyIndex(Shared<R> shared, int capacity, long lastSequence, Map<String, R> recalled) {
        this.shared = shared;
        this.capacity = capacity;
        this.lastSequence = lastSequence;
        this.recalled = recalled;
    }

    /** The index of an aggregate that has carried out nothing yet, and never forgets. */
    public static <R extends Sequenced> IdempotencyIndex<R> none() {
        return none(UNBOUNDED);
    }

    /** The index of an aggregate that has carried out nothing yet, remembering its last {@code capacity} records. */
    public static <R extends Sequenced> IdempotencyIndex<R> none(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("an index remembers at least one record, not " + capacity);
        }
        return new IdempotencyIndex<>(new Shared<>(new ConcurrentHashMap<>(), new ArrayDeque<>(), 0), capacity, 0,
                Map.of());
    }

    /**
     * An index as it was written down ({@link #entries()}, {@link #forgottenThrough()}, {@link #lastSequence()}):
     * how a snapshot gives it back. Entries beyond {@code capacity} are forgotten, oldest first.
     */
    public static <R extends Sequenced> IdempotencyIndex<R> restored(int capacity, long forgottenThrough,
                                                                     long lastSequence, List<Entry<R>> entries) {
        IdempotencyIndex<R> index = new IdempotencyIndex<>(new Shared<>(new ConcurrentHashMap<>(), new ArrayDeque<>(),
                forgottenThrough), capacity, 0, Map.of());
        for (Entry<R> entry : entries) {
            index = index.with(entry.record(), entry.keys().toArray(String[]::new));
        }
        return new IdempotencyIndex<>(index.shared, capacity, lastSequence, Map.of());
    }

    /** The record under {@code key}, if this index remembers it (or was handed it by {@link #recalling}). */
    public Optional<R> find(String key) {
        R record = shared.byKey.get(key);
        if (record != null && record.sequence() <= lastSequence) {
            return Optional.of(record);
        }
        return Optional.ofNullable(recalled.get(key));
    }

    public boolean contains(String key) {
        return find(key).isPresent();
    }

    /**
     * Whether {@code key} may have been carried out although this index does not find it: the index has forgotten
     * older records. Only then does the key need a look-up elsewhere.
     */
    public boolean mayHaveForgotten(String key) {
        return forgottenThrough() > 0 && find(key).isEmpty();
    }

    /**
     * This index, also answering for {@code found}: records an earlier look-up found for keys this index forgot.
     * They count as found by {@link #find} and are never written down ({@link #entries}) nor carried on by
     * {@link #with}.
     */
    public IdempotencyIndex<R> recalling(Map<String, R> found) {
        if (found.isEmpty()) {
            return this;
        }
        var all = new HashMap<>(recalled);
        all.putAll(found);
        return new IdempotencyIndex<>(shared, capacity, lastSequence, Map.copyOf(all));
    }

    /** The sequence of the last record this index sees; 0 when it sees none. */
    public long lastSequence() {
        return lastSequence;
    }

    /** How many records this index remembers at most. */
    public int capacity() {
        return capacity;
    }

    /** The sequence up to which records may have fallen out of memory; 0 when none did. */
    public long forgottenThrough() {
        return Math.max(shared.forgottenThrough, lastSequence - capacity);
    }

    /** This index plus {@code record} under every one of {@code keys}; the oldest record falls out beyond capacity. */
    public IdempotencyIndex<R> with(R record, String... keys) {
        synchronized (shared) {
            // A later index already extended the shared map: copy what this index sees, and branch.
            final Shared<R> target = shared.owner != null && shared.owner != this ? branch() : shared;
            var entry = new Entry<>(List.of(keys), record);
            target.order.addLast(entry);
            for (String key : keys) {
                target.byKey.put(key, record);
            }
            while (target.order.size() > capacity) {
                Entry<R> oldest = target.order.removeFirst();
                oldest.keys().forEach(key -> target.byKey.remove(key, oldest.record()));
                target.forgottenThrough = Math.max(target.forgottenThrough, oldest.record().sequence());
            }
            var next = new IdempotencyIndex<>(target, capacity, record.sequence(), Map.<String, R>of());
            target.owner = next;
            return next;
        }
    }

    private Shared<R> branch() {
        var copy = new Shared<R>(new ConcurrentHashMap<>(), new ArrayDeque<>(), forgottenThrough());
        for (Entry<R> entry : entries()) {
            copy.order.addLast(entry);
            entry.keys().forEach(key -> copy.byKey.put(key, entry.record()));
        }
        return copy;
    }

    /** The records this index remembers, oldest first, each with its keys: what a snapshot writes down. */
    public List<Entry<R>> entries() {
        synchronized (shared) {
            var seen = new ArrayList<Entry<R>>();
            for (Entry<R> entry : shared.order) {
                if (entry.record().sequence() <= lastSequence) {
                    seen.add(entry);
                }
            }
            return seen;
        }
    }

    /** The records added after sequence {@code after}, oldest first: what a command has just recorded. */
    public List<Entry<R>> recordedAfter(long after) {
        return entries().stream().filter(entry -> entry.record().sequence() > after).toList();
    }

    private Map<String, R> visible() {
        var visible = new HashMap<String, R>();
        for (Entry<R> entry : entries()) {
            entry.keys().forEach(key -> visible.put(key, entry.record()));
        }
        return visible;
    }

    /** Two indexes are equal when they see the same records under the same keys. */
    @Override
    public boolean equals(Object other) {
        return other instanceof IdempotencyIndex<?> that && lastSequence == that.lastSequence
                && capacity == that.capacity && visible().equals(that.visible());
    }

    @Override
    public int hashCode() {
        return Long.hashCode(lastSequence);
    }

    @Override
    public String toString() {
        return "IdempotencyIndex[" + lastSequence + ", remembers " + entries().size() + "]";
    }
}
