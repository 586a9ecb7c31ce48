package app.hearth.adapters.shared.axon.state;

import app.hearth.adapters.shared.jooq.SpringTransactions;
import java.lang.reflect.Field;
import java.util.Optional;
import java.util.function.Function;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An aggregate cache that never shows a command another command's uncommitted state (ADR 0042, the failure of
 * ADR 0018). Axon's {@code CachingEventSourcingRepository} reads an entry when it loads an aggregate for a command,
 * mutates the cached aggregate in place while the command applies its events, and puts it back when its unit of work
 * commits, which, inside a caller's Spring transaction, is before that transaction commits. So:
 * <ul>
 *   <li>{@link #get} takes the entry out: while a command works on an aggregate, no other command can load it from
 *       here, and loads the committed events instead;</li>
 *   <li>{@link #put} waits for the Spring transaction to commit ({@code afterCommit} of the transaction that really
 *       commits, the outermost one when the unit of work joined a caller's); after a rollback nothing is put back;</li>
 *   <li>{@link #remove} (Axon's eviction after a failed command) is immediate.</li>
 * </ul>
 * An entry may be stale: another node appended meanwhile, or it was put back after a later command of this node had
 * committed (its transaction's {@code afterCommit} ran late). Deciding on a stale entry is not only a lost append
 * race: a command refused on a stale state (a hold not found that another command placed) would stand, and no
 * conflict would ever show it. So {@link #get} compares the entry's version with the last sequence the event store
 * holds for the aggregate (one index look-up, {@code lastStored}) and answers a miss when the store is ahead: Axon
 * then loads the committed events (from the last snapshot). What the store holds when the entry is taken is what a
 * load from the store would have read; a later append is refused by the store's (aggregate, sequence) key as ever.
 */
public final class CommittedOnlyCache implements Cache {

    private static final Logger log = LoggerFactory.getLogger(CommittedOnlyCache.class);
    private static final Field VERSION = versionField();

    private final Cache delegate;
    private final Function<String, Optional<Long>> lastStored;

    /**
     * @param lastStored the last sequence number the event store holds for an aggregate identifier (empty: none)
     */
    public CommittedOnlyCache(Cache delegate, Function<String, Optional<Long>> lastStored) {
        this.delegate = delegate;
        this.lastStored = lastStored;
    }

    @Override
    public <K, V> V get(K key) {
        V entry = delegate.get(key);
        if (entry == null) {
            return null;
        }
        delegate.remove(key);
        Long cached = versionOf(entry);
        if (cached != null && key instanceof String identifier) {
            Optional<Long> stored = lastStored.apply(identifier);
            if (stored.isPresent() && stored.get() > cached) {
                log.debug("the cached {} is at {}, the event store at {}: loaded from the store", identifier, cached,
                        stored.get());
                return null;
            }
        }
        return entry;
    }

    /** The version of an Axon {@code AggregateCacheEntry} (not exposed by Axon 4.13), null for anything else. */
    static Long versionOf(Object entry) {
        if (VERSION == null || !(entry instanceof AggregateCacheEntry<?>)) {
            return null;
        }
        try {
            return (Long) VERSION.get(entry);
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    private static Field versionField() {
        try {
            Field field = AggregateCacheEntry.class.getDeclaredField("version");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Axon's AggregateCacheEntry has no readable version: the committed-only "
                    + "cache cannot tell a stale entry (ADR 0042)", e);
        }
    }

    @Override
    public void put(Object key, Object value) {
        SpringTransactions.runAfterCommit(() -> delegate.put(key, value));
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        SpringTransactions.runAfterCommit(() -> delegate.putIfAbsent(key, value));
        return true;
    }

    @Override
    public boolean remove(Object key) {
        return delegate.remove(key);
    }

    @Override
    public void removeAll() {
        delegate.removeAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return delegate.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        return delegate.registerCacheEntryListener(listener);
    }
}
