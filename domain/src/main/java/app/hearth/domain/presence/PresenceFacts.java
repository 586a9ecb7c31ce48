package app.hearth.domain.presence;

import java.time.Instant;

/**
 * What a companion's presence is derived from, as its sources last reported it.
 *
 * @param shiftId             the started shift they are on (null: none)
 * @param onBreak             on a break in that shift
 * @param onShiftSince        when they were last due on the app: the shift started or the break ended (null: never)
 * @param connected           a live real-time connection holds them (its node alive)
 * @param connectionChangedAt when {@code connected} last changed (null: never)
 * @param foreground          that connection's app reported the foreground (a new connection has not yet)
 * @param foregroundChangedAt when {@code foreground} last changed (null: never)
 * @param callId              the call they are in, from ringing to its end (null: none)
 * @param openConversations   their open conversations ({@link PresenceRules#capacity})
 * @param conversationsDueAt  when the count of open conversations next drops by time alone (null: never)
 */
public record PresenceFacts(String shiftId, boolean onBreak, Instant onShiftSince, boolean connected,
                            Instant connectionChangedAt, boolean foreground, Instant foregroundChangedAt,
                            String callId, int openConversations, Instant conversationsDueAt) {

    /** Nothing known: offline. */
    public static final PresenceFacts NONE = new PresenceFacts(null, false, null, false, null, false, null, null, 0,
            null);

    public PresenceFacts {
        if (openConversations < 0) {
            throw new IllegalArgumentException("openConversations must not be negative");
        }
    }

    public PresenceFacts withShift(String shiftId, boolean onBreak, Instant onShiftSince) {
        return new PresenceFacts(shiftId, onBreak, onShiftSince, connected, connectionChangedAt, foreground,
                foregroundChangedAt, callId, openConversations, conversationsDueAt);
    }

    public PresenceFacts withConnection(boolean connected, Instant at) {
        if (connected == this.connected) {
            return this;
        }
        return new PresenceFacts(shiftId, onBreak, onShiftSince, connected, at, foreground, foregroundChangedAt,
                callId, openConversations, conversationsDueAt);
    }

    public PresenceFacts withForeground(boolean foreground, Instant at) {
        if (foreground == this.foreground) {
            return this;
        }
        return new PresenceFacts(shiftId, onBreak, onShiftSince, connected, connectionChangedAt, foreground, at,
                callId, openConversations, conversationsDueAt);
    }

    public PresenceFacts withCall(String callId) {
        return new PresenceFacts(shiftId, onBreak, onShiftSince, connected, connectionChangedAt, foreground,
                foregroundChangedAt, callId, openConversations, conversationsDueAt);
    }

    public PresenceFacts withConversations(int openConversations, Instant conversationsDueAt) {
        return new PresenceFacts(shiftId, onBreak, onShiftSince, connected, connectionChangedAt, foreground,
                foregroundChangedAt, callId, openConversations, conversationsDueAt);
    }
}
