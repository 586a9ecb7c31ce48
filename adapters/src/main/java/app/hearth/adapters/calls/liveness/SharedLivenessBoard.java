package app.hearth.adapters.calls.liveness;

import app.hearth.application.calls.LivenessBoard;
import app.hearth.domain.calls.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The {@link LivenessBoard} of one node (adr/0022, adr/0025): per call, the latest moment each side was seen, in
 * memory. A beat is a map look-up and a compare-and-set or two, no lock and no I/O; moments only move forward.
 *
 * <p>Sharing is done by {@link LivenessSharing}: it {@linkplain #unshared() takes} the news of this node since the
 * last share (local beats that moved a side forward) and publishes them, and {@linkplain #merge merges} what the
 * other nodes share (max per side). Peers' beats are never shared on, so nothing echoes between nodes.
 *
 * <p>Memory stays bounded: an entry that neither a local beat nor a peer touched for {@link #retention()} is
 * {@linkplain #evict() evicted}. {@link #forget} drops an entry at once and, for the same retention, ignores peers'
 * late shares of that call (a local beat for it starts a new entry).
 */
public final class SharedLivenessBoard implements LivenessBoard {

    /** What one node shares of one call: its latest local moment of each side since its last share (null: none). */
    public record Beats(String callId, Instant memberSeenAt, Instant companionSeenAt) {
        public Beats {
            Objects.requireNonNull(callId, "callId");
        }
    }

    private static final class Entry {
        final AtomicReference<Instant> member = new AtomicReference<>();
        final AtomicReference<Instant> companion = new AtomicReference<>();
        final AtomicReference<Instant> unsharedMember = new AtomicReference<>();
        final AtomicReference<Instant> unsharedCompanion = new AtomicReference<>();
        volatile long touched;

        Entry(long now) {
            this.touched = now;
        }
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> forgotten = new ConcurrentHashMap<>();
    private final Duration retention;
    private final LongSupplier nanoTime;

    /**
     * @param retention how long an untouched entry (and a forgotten call's tombstone) is kept
     * @param nanoTime  a monotonic clock ({@code System::nanoTime}; tests pass their own)
     */
    public SharedLivenessBoard(Duration retention, LongSupplier nanoTime) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("hearth.calls.liveness.retention must be positive: " + retention);
        }
        this.retention = retention;
        this.nanoTime = nanoTime;
    }

    public Duration retention() {
        return retention;
    }

    @Override
    public void beat(String callId, Side side, Instant at) {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(at, "at");
        long now = nanoTime.getAsLong();
        Entry entry = entry(callId, now);
        // only news is shared: a beat no later than what this node already knows (its own or a peer's) is not
        if (side == Side.MEMBER) {
            if (raise(entry.member, at)) {
                raise(entry.unsharedMember, at);
            }
        } else if (raise(entry.companion, at)) {
            raise(entry.unsharedCompanion, at);
        }
        entry.touched = now;
    }

    @Override
    public Optional<Seen> seen(String callId) {
        Entry entry = entries.get(callId);
        return entry == null ? Optional.empty() : Optional.of(new Seen(entry.member.get(), entry.companion.get()));
    }

    @Override
    public void forget(String callId) {
        entries.remove(callId);
        forgotten.put(callId, nanoTime.getAsLong());
    }

    /**
     * This node's news since the last call: per call, the latest local beat of each side that moved the board
     * forward. Each is handed out once (a beat that races with this call is handed out by the next).
     */
    public List<Beats> unshared() {
        var beats = new ArrayList<Beats>();
        entries.forEach((callId, entry) -> {
            Instant member = entry.unsharedMember.getAndSet(null);
            Instant companion = entry.unsharedCompanion.getAndSet(null);
            if (member != null || companion != null) {
                beats.add(new Beats(callId, member, companion));
            }
        });
        return beats;
    }

    /** Merges what another node shared: each side's moment becomes the later of ours and theirs. */
    public void merge(List<Beats> shared) {
        long now = nanoTime.getAsLong();
        for (Beats beats : shared) {
            if (forgotten.containsKey(beats.callId())) {
                continue;
            }
            Entry entry = entry(beats.callId(), now);
            if (beats.memberSeenAt() != null) {
                raise(entry.member, beats.memberSeenAt());
            }
            if (beats.companionSeenAt() != null) {
                raise(entry.companion, beats.companionSeenAt());
            }
            entry.touched = now;
        }
    }

    /** Drops entries and tombstones untouched for {@link #retention()}; the number of entries dropped. */
    public int evict() {
        long now = nanoTime.getAsLong();
        long keep = retention.toNanos();
        int before = entries.size();
        entries.values().removeIf(entry -> now - entry.touched > keep);
        forgotten.values().removeIf(at -> now - at > keep);
        return before - entries.size();
    }

    /** How many calls the board holds now. */
    public int size() {
        return entries.size();
    }

    private Entry entry(String callId, long now) {
        Objects.requireNonNull(callId, "callId");
        Entry entry = entries.get(callId);
        return entry != null ? entry : entries.computeIfAbsent(callId, ignored -> new Entry(now));
    }

    /** Moves {@code moment} forward to {@code at}, never back, lock-free; whether it moved. */
    private static boolean raise(AtomicReference<Instant> moment, Instant at) {
        while (true) {
            Instant current = moment.get();
            if (current != null && !at.isAfter(current)) {
                return false;
            }
            if (moment.compareAndSet(current, at)) {
                return true;
            }
        }
    }
}
