package app.hearth.adapters.shared.axon.state;

import app.hearth.adapters.shared.jooq.SpringTransactions;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

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
 * An entry put back late may be stale (another node, or a later command of this one, appended meanwhile); deciding on
 * it appends at a sequence already taken, the event store's (aggregate, sequence) key refuses it, Axon evicts the
 * entry and the command is retried on the stored events.
 */
public final class CommittedOnlyCache implements Cache {

    private final Cache delegate;

    public CommittedOnlyCache(Cache delegate) {
        this.delegate = delegate;
    }

    @Override
    public <K, V> V get(K key) {
        V entry = delegate.get(key);
        if (entry != null) {
            delegate.remove(key);
        }
        return entry;
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
