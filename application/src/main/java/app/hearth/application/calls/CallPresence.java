package app.hearth.application.calls;

import app.hearth.domain.access.Actor;
import app.hearth.domain.calls.CallCommand;
import app.hearth.domain.calls.CallDecider;
import app.hearth.domain.calls.Side;
import app.hearth.domain.shared.RuleViolation;
import java.time.Clock;
import java.time.Instant;

/**
 * Who is in a call: the participants' heartbeats, and the media server's facts of who joined or left the call's
 * room. Heartbeats are the hot path: they touch only the in-memory {@link LivenessBoard} and the cache of who is in
 * which call; the first heartbeat after the accept counts as joining the room (one write).
 */
public class CallPresence {

    private final CallChanges changes;
    private final LivenessBoard board;
    private final Clock clock;

    public CallPresence(CallChanges changes, LivenessBoard board, Clock clock) {
        this.changes = changes;
        this.board = board;
        this.clock = clock;
    }

    /** See {@link Calls#heartbeat}. */
    public void heartbeat(Actor participant, String callId) {
        Instant now = clock.instant();
        CallChanges.Known call = changes.known(participant, callId);
        Side side = call.setup().sideOf(participant.userId()).orElseThrow(() -> CallChanges.notFound(callId));
        switch (call.phase()) {
            case "ended" -> throw RuleViolation.conflict(CallDecider.CALL_ENDED, "the call has ended");
            case "ringing" -> throw RuleViolation.conflict(CallDecider.CALL_NOT_ACCEPTED,
                    "the call has not been accepted yet");
            default -> { }
        }
        board.beat(callId, side, now);
        if ("accepted".equals(call.phase()) && !call.joined(side)) {
            changes.change(() -> new CallCommand.JoinRoom(callId, participant.userId(), now), now);
        }
    }

    /** A media-server fact: a participant joined the room (of a call they are part of; else nothing happens). */
    public void joinedRoom(String callId, String participantId, Instant at) {
        if (changes.isParticipant(callId, participantId)) {
            changes.change(() -> new CallCommand.JoinRoom(callId, participantId, at), clock.instant());
        }
    }

    /** A media-server fact: a participant left the room (or their connection was aborted): a hang-up then. */
    public void leftRoom(String callId, String participantId, Instant at) {
        if (!changes.isParticipant(callId, participantId)) {
            return;
        }
        Instant now = clock.instant();
        changes.hangUp(callId, participantId, at.isAfter(now) ? now : at, now);
    }
}
