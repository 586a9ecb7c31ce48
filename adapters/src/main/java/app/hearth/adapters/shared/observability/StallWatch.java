package app.hearth.adapters.shared.observability;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How long each segment has kept its token position while events were waiting for it. The clock starts at the first
 * sample that sees the segment behind the head at a position, and stops as soon as the position changes or nothing
 * waits any more: a processor that was idle at the head for hours and has just been handed an event has waited 0 s,
 * and a busy processor whose position moves between two samples has waited 0 s however far behind it is.
 * Not thread-safe: one sampler feeds it.
 */
final class StallWatch {

    private record Seen(long position, long sinceNanos) {
    }

    private final Map<String, Seen> segments = new HashMap<>();

    /**
     * Records a sample of one segment and returns how long it has waited at {@code position} with {@code lag} events
     * behind the head ({@link Duration#ZERO} when it moved or nothing waits).
     */
    Duration observe(String segment, long position, long lag, long nowNanos) {
        if (lag <= 0) {
            segments.remove(segment);
            return Duration.ZERO;
        }
        Seen seen = segments.get(segment);
        if (seen == null || seen.position() != position) {
            segments.put(segment, new Seen(position, nowNanos));
            return Duration.ZERO;
        }
        return Duration.ofNanos(nowNanos - seen.sinceNanos());
    }

    /** Forgets segments that no longer exist (merged, or a processor gone). */
    void retainOnly(Set<String> present) {
        segments.keySet().retainAll(present);
    }
}
