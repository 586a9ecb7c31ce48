package app.hearth.domain.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;

/**
 * How presence follows from the facts ({@code semantics.md}, "Shifts and presence"; adr/0053). A companion is
 * {@link PresenceState#AVAILABLE} exactly when on a started shift, not on a break, connected with the app in the
 * foreground, not in a call and under their conversation capacity. Otherwise, the first that holds of:
 *
 * <ol>
 *   <li>no started shift: {@link PresenceState#OFFLINE};</li>
 *   <li>on a break: {@link PresenceState#ON_BREAK};</li>
 *   <li>in a call: {@link PresenceState#BUSY} (whatever the app does meanwhile);</li>
 *   <li>not reachable (no connection, or the app not in the foreground) for {@link #awayAfter} or longer:
 *   {@link PresenceState#AWAY}. "Since" is the later of the moment they became due on the app (the shift started,
 *   the break ended) and the moment the connection or the foreground was lost;</li>
 *   <li>not reachable for less than that: {@link PresenceState#BUSY}. These first minutes are a grace for a phone
 *   that reconnects or an app brought back: never available (nobody should be offered a companion who cannot see
 *   the offer), not yet away (adherence counts away time from the change to away);</li>
 *   <li>{@link #capacity} open conversations or more: {@link PresenceState#BUSY}.</li>
 * </ol>
 *
 * @param awayAfter how long a companion on shift may be unreachable before they are away (2 minutes)
 * @param capacity  how many open conversations make a companion busy (5)
 */
public record PresenceRules(Duration awayAfter, int capacity) {

    public static final Duration AWAY_AFTER = Duration.ofMinutes(2);
    public static final int CAPACITY = 5;
    public static final PresenceRules DEFAULT = new PresenceRules(AWAY_AFTER, CAPACITY);

    public PresenceRules {
        if (awayAfter == null || awayAfter.isNegative()) {
            throw new IllegalArgumentException("awayAfter must not be negative");
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
    }

    /** The presence {@code facts} make at {@code now}. */
    public Derived derive(PresenceFacts facts, Instant now) {
        var reasons = EnumSet.noneOf(PresenceReason.class);
        if (facts.shiftId() == null) {
            reasons.add(PresenceReason.NOT_ON_SHIFT);
        }
        if (facts.onBreak()) {
            reasons.add(PresenceReason.ON_BREAK);
        }
        if (facts.callId() != null) {
            reasons.add(PresenceReason.IN_CALL);
        }
        if (!facts.connected()) {
            reasons.add(PresenceReason.NOT_CONNECTED);
        } else if (!facts.foreground()) {
            reasons.add(PresenceReason.IN_BACKGROUND);
        }
        if (facts.openConversations() >= capacity) {
            reasons.add(PresenceReason.AT_CAPACITY);
        }
        Instant conversationsDue = facts.openConversations() >= capacity ? facts.conversationsDueAt() : null;
        if (facts.shiftId() == null) {
            return new Derived(PresenceState.OFFLINE, reasons, null);
        }
        if (facts.onBreak()) {
            return new Derived(PresenceState.ON_BREAK, reasons, null);
        }
        boolean reachable = facts.connected() && facts.foreground();
        Instant awayAt = reachable ? null : unreachableSince(facts).plus(awayAfter);
        if (facts.callId() != null) {
            return new Derived(PresenceState.BUSY, reasons, null);
        }
        if (!reachable) {
            return now.isBefore(awayAt)
                    ? new Derived(PresenceState.BUSY, reasons, awayAt)
                    : new Derived(PresenceState.AWAY, reasons, null);
        }
        if (facts.openConversations() >= capacity) {
            return new Derived(PresenceState.BUSY, reasons, conversationsDue);
        }
        return new Derived(PresenceState.AVAILABLE, reasons, null);
    }

    /** The later of when they became due on the app and when they lost the connection or the foreground. */
    static Instant unreachableSince(PresenceFacts facts) {
        Instant since = facts.onShiftSince() == null ? Instant.EPOCH : facts.onShiftSince();
        Instant lost = !facts.connected() ? facts.connectionChangedAt() : facts.foregroundChangedAt();
        if (facts.connected() && facts.connectionChangedAt() != null
                && (lost == null || facts.connectionChangedAt().isAfter(lost))) {
            lost = facts.connectionChangedAt(); // connected, never in the foreground on this connection
        }
        return lost != null && lost.isAfter(since) ? lost : since;
    }
}
