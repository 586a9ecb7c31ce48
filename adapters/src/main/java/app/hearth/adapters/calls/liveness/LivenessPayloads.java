package app.hearth.adapters.calls.liveness;

import app.hearth.adapters.calls.liveness.SharedLivenessBoard.Beats;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The NOTIFY payloads that carry shared beats between nodes, each under a byte limit (PostgreSQL refuses 8000 bytes
 * or more). One payload is {@code {"t":<epoch second>,"b":[["<call id>",<member>,<companion>],...]}}: each moment is
 * in nanoseconds after second {@code t} (exact to the nanosecond, about 10 digits for recent moments instead of
 * 19), or null when that side has no new beat. About a hundred calls with UUID ids fit in one payload.
 */
public final class LivenessPayloads {

    private static final Logger log = LoggerFactory.getLogger(LivenessPayloads.class);
    private static final long NANOS = 1_000_000_000L;

    private final JsonMapper json;

    public LivenessPayloads(JsonMapper json) {
        this.json = json;
    }

    /**
     * {@code beats} in as few payloads as fit, each of at most {@code maxBytes} UTF-8 bytes, in order. A call whose
     * entry alone is too large (an absurd id) or whose moments are centuries apart is left out and logged.
     */
    public List<String> encode(List<Beats> beats, int maxBytes) {
        var payloads = new ArrayList<String>();
        if (beats.isEmpty()) {
            return payloads;
        }
        long base = baseSecond(beats);
        String head = "{\"t\":" + base + ",\"b\":[";
        String tail = "]}";
        var payload = new StringBuilder(head);
        int bytes = head.length();
        int entries = 0;
        for (Beats beat : beats) {
            String entry = entry(beat, base);
            if (entry == null) {
                continue;
            }
            int entryBytes = entry.getBytes(StandardCharsets.UTF_8).length;
            if (head.length() + entryBytes + tail.length() > maxBytes) {
                log.warn("the beats of call {}… do not fit in one notification and are not shared",
                        beat.callId().substring(0, Math.min(40, beat.callId().length())));
                continue;
            }
            int needed = (entries == 0 ? 0 : 1) + entryBytes;
            if (bytes + needed + tail.length() > maxBytes) {
                payloads.add(payload.append(tail).toString());
                payload = new StringBuilder(head);
                bytes = head.length();
                entries = 0;
                needed = entryBytes;
            }
            if (entries > 0) {
                payload.append(',');
            }
            payload.append(entry);
            bytes += needed;
            entries++;
        }
        if (entries > 0) {
            payloads.add(payload.append(tail).toString());
        }
        return payloads;
    }

    /** The beats of one payload; an empty list for anything that is not one. */
    public List<Beats> decode(String payload) {
        JsonNode root = json.readTree(payload);
        JsonNode list = root.path("b");
        if (!root.path("t").canConvertToLong() || !list.isArray()) {
            return List.of();
        }
        long base = root.get("t").asLong();
        var beats = new ArrayList<Beats>(list.size());
        for (JsonNode entry : list) {
            if (entry.size() == 3 && entry.get(0).isString()) {
                beats.add(new Beats(entry.get(0).asString(), moment(base, entry.get(1)), moment(base, entry.get(2))));
            }
        }
        return beats;
    }

    private static long baseSecond(List<Beats> beats) {
        for (Beats beat : beats) {
            Instant any = beat.memberSeenAt() != null ? beat.memberSeenAt() : beat.companionSeenAt();
            if (any != null) {
                return any.getEpochSecond();
            }
        }
        return 0;
    }

    private static String entry(Beats beat, long base) {
        try {
            var entry = new StringBuilder(64).append("[\"");
            JsonStringEncoder.getInstance().quoteAsString(beat.callId(), entry);
            return entry.append("\",").append(offset(beat.memberSeenAt(), base)).append(',')
                    .append(offset(beat.companionSeenAt(), base)).append(']').toString();
        } catch (ArithmeticException farApart) {
            log.warn("the beats of call {} are centuries apart from the others and are not shared", beat.callId());
            return null;
        }
    }

    private static String offset(Instant at, long base) {
        if (at == null) {
            return "null";
        }
        long nanos = Math.addExact(Math.multiplyExact(Math.subtractExact(at.getEpochSecond(), base), NANOS),
                at.getNano());
        return Long.toString(nanos);
    }

    private static Instant moment(long base, JsonNode offset) {
        if (offset == null || !offset.canConvertToLong()) {
            return null;
        }
        long nanos = offset.asLong();
        return Instant.ofEpochSecond(base + Math.floorDiv(nanos, NANOS), Math.floorMod(nanos, NANOS));
    }
}
