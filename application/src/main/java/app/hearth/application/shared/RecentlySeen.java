package app.hearth.application.shared;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What this node has lately seen to be so, for facts that never become untrue (a wallet that exists, a profile
 * change a wallet was told of): a bounded memory of keys and the value seen under each, the least recently used
 * forgotten first. Forgetting costs only the database look-up it saved; nothing is decided on it alone.
 */
public final class RecentlySeen {

    private final Map<String, String> seen;

    public RecentlySeen(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.seen = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Whether {@code value} was seen under {@code key} (and not forgotten since). */
    public synchronized boolean saw(String key, String value) {
        return Objects.equals(seen.get(key), value);
    }

    /** Forgets what was seen under {@code key}. */
    public synchronized void forget(String key) {
        seen.remove(key);
    }

    /** Remembers {@code value} under {@code key}, in place of what was seen before. */
    public synchronized void see(String key, String value) {
        seen.put(key, value);
    }
}
