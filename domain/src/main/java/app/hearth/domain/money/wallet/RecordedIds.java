package app.hearth.domain.money.wallet;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The movement ids a wallet has carried out, each with what it did (so a retry is answered like the original).
 *
 * <p>Values behave as immutable: {@link #with} returns a new index and a lookup on an older index never sees an id
 * recorded after it. Successive indexes share one map, so recording costs O(1) instead of a copy of the whole
 * history; only when an older index is extended a second time (a branch) is the map copied.
 */
public final class RecordedIds {

    /**
     * What a command recorded: its kind, the units it moved or reserved ({@code amount}), what it gave back
     * ({@code released}, for holds) and its outcome (for payments). {@code sequence} orders the records.
     */
    public record Recorded(long sequence, String kind, long amount, long released, String outcome) {
    }

    private final Map<String, Recorded> byId;
    private final long lastSequence;
    private final Object[] owner;

    private RecordedIds(Map<String, Recorded> byId, long lastSequence, Object[] owner) {
        this.byId = byId;
        this.lastSequence = lastSequence;
        this.owner = owner;
    }

    public static RecordedIds none() {
        return new RecordedIds(new ConcurrentHashMap<>(), 0, new Object[] {null});
    }

    public Optional<Recorded> find(String movementId) {
        Recorded recorded = byId.get(movementId);
        return recorded != null && recorded.sequence() <= lastSequence ? Optional.of(recorded) : Optional.empty();
    }

    public boolean contains(String movementId) {
        return find(movementId).isPresent();
    }

    public long lastSequence() {
        return lastSequence;
    }

    /** This index plus {@code movementId}; the record's sequence is the next one. */
    public synchronized RecordedIds with(String movementId, String kind, long amount, long released, String outcome) {
        Map<String, Recorded> map = byId;
        Object[] shared = owner;
        if (owner[0] != null && owner[0] != this) {
            map = new ConcurrentHashMap<>(visible());
            shared = new Object[] {null};
        }
        var recorded = new Recorded(lastSequence + 1, kind, amount, released, outcome);
        map.put(movementId, recorded);
        var next = new RecordedIds(map, recorded.sequence(), shared);
        shared[0] = next;
        return next;
    }

    private Map<String, Recorded> visible() {
        var visible = new HashMap<String, Recorded>();
        byId.forEach((id, recorded) -> {
            if (recorded.sequence() <= lastSequence) {
                visible.put(id, recorded);
            }
        });
        return visible;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordedIds that && lastSequence == that.lastSequence
                && visible().equals(that.visible());
    }

    @Override
    public int hashCode() {
        return Long.hashCode(lastSequence);
    }

    @Override
    public String toString() {
        return "RecordedIds[" + lastSequence + "]";
    }
}
