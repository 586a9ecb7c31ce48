package app.hearth.domain.earnings;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The movements an account has recorded, looked up by their idempotency keys (entry id, source reference,
 * moderation case, correction key, reversed penalty).
 *
 * <p>Values behave as immutable: {@link #with} returns a new index and a lookup on an older index never sees
 * a movement recorded after it. Successive indexes share one map, so recording a movement costs O(1) instead of
 * a copy of the whole history; only when an older index is extended a second time (a branch) is the map copied.
 */
public final class Movements {

    /** One recorded movement as far as idempotency needs it. */
    public record Movement(long position, String entryId, EntryKind kind, long coins, long balanceAfter,
                           String fingerprint) {
    }

    private final Map<String, Movement> byKey;
    private final long lastPosition;
    private final Object[] owner;

    private Movements(Map<String, Movement> byKey, long lastPosition, Object[] owner) {
        this.byKey = byKey;
        this.lastPosition = lastPosition;
        this.owner = owner;
    }

    public static Movements none() {
        return new Movements(new ConcurrentHashMap<>(), 0, new Object[] {null});
    }

    /** The movement recorded under {@code key}, if this index has seen it. */
    public Optional<Movement> find(String key) {
        Movement movement = byKey.get(key);
        return movement != null && movement.position() <= lastPosition ? Optional.of(movement) : Optional.empty();
    }

    /** Two indexes are equal when they see the same movements under the same keys. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Movements that && lastPosition == that.lastPosition && visible().equals(that.visible());
    }

    @Override
    public int hashCode() {
        return Long.hashCode(lastPosition);
    }

    private Map<String, Movement> visible() {
        var visible = new java.util.HashMap<String, Movement>();
        byKey.forEach((key, movement) -> {
            if (movement.position() <= lastPosition) {
                visible.put(key, movement);
            }
        });
        return visible;
    }

    /** This index plus {@code movement} under every one of {@code keys}. */
    public synchronized Movements with(Movement movement, String... keys) {
        Map<String, Movement> map = byKey;
        Object[] shared = owner;
        if (owner[0] != null && owner[0] != this) {
            // A later index already extended the shared map: copy what this index sees, and branch.
            map = new ConcurrentHashMap<>(visible());
            shared = new Object[] {null};
        }
        for (String key : keys) {
            map.put(key, movement);
        }
        var next = new Movements(map, movement.position(), shared);
        shared[0] = next;
        return next;
    }
}
