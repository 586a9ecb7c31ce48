package app.hearth.domain.media;

import app.hearth.domain.shared.RuleViolation;
import java.time.Instant;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * What the media server (LiveKit) reported about a room, in provider-neutral form. A value about the outside
 * world, not a stored domain event: calls decide what it means (a participant who left may come back).
 */
@ValueObject
public sealed interface MediaEvent {

    /** The media server's room name (Hearth names rooms after its calls). */
    String room();

    /** When the media server says it happened. */
    Instant occurredAt();

    /** A participant's media connection is up. */
    record ParticipantJoined(String room, String identity, Instant occurredAt) implements MediaEvent {
        public ParticipantJoined {
            check(room, identity, occurredAt);
        }
    }

    /** A participant left the room (hung up, closed the app, or was removed). */
    record ParticipantLeft(String room, String identity, Instant occurredAt) implements MediaEvent {
        public ParticipantLeft {
            check(room, identity, occurredAt);
        }
    }

    /** A participant's connection failed or dropped before it was established (never really joined). */
    record ConnectionAborted(String room, String identity, Instant occurredAt) implements MediaEvent {
        public ConnectionAborted {
            check(room, identity, occurredAt);
        }
    }

    /** The room closed: everyone is gone. */
    record RoomFinished(String room, Instant occurredAt) implements MediaEvent {
        public RoomFinished {
            RuleViolation.requireText(room, "room");
            RuleViolation.require(occurredAt, "occurredAt");
        }
    }

    private static void check(String room, String identity, Instant occurredAt) {
        RuleViolation.requireText(room, "room");
        RuleViolation.requireText(identity, "identity");
        RuleViolation.require(occurredAt, "occurredAt");
    }
}
