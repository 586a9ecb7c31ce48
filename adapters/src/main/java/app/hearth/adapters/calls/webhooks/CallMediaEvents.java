package app.hearth.adapters.calls.webhooks;

import app.hearth.application.calls.CallsService;
import app.hearth.application.media.MediaEventListener;
import app.hearth.domain.media.MediaEvent;
import app.hearth.domain.shared.RuleViolation;
import app.hearth.domain.shared.TransientConflict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media server's facts as one more liveness source of calls, never the only one: a participant who joined the
 * call's room has joined; one who left it (or whose connection was aborted) hangs up. Facts about rooms that are not
 * calls, or that come too late or out of order, change nothing and are only logged; a transient conflict fails the
 * webhook (503), so LiveKit sends it again.
 */
public class CallMediaEvents implements MediaEventListener {

    private static final Logger log = LoggerFactory.getLogger(CallMediaEvents.class);
    private static final String ROOM_PREFIX = CallsService.room("");

    private final CallsService calls;

    public CallMediaEvents(CallsService calls) {
        this.calls = calls;
    }

    @Override
    public void on(MediaEvent event) {
        if (!event.room().startsWith(ROOM_PREFIX)) {
            log.debug("media event for room {} that is no call: ignored", event.room());
            return;
        }
        String callId = event.room().substring(ROOM_PREFIX.length());
        try {
            switch (event) {
                case MediaEvent.ParticipantJoined joined -> calls.joinedRoom(callId, joined.identity(),
                        joined.occurredAt());
                case MediaEvent.ParticipantLeft left -> calls.leftRoom(callId, left.identity(), left.occurredAt());
                case MediaEvent.ConnectionAborted aborted -> calls.leftRoom(callId, aborted.identity(),
                        aborted.occurredAt());
                case MediaEvent.RoomFinished finished ->
                        log.info("room of call {} finished at {}; its participants' own events end it", callId,
                                finished.occurredAt());
            }
        } catch (RuleViolation refused) {
            if (refused instanceof TransientConflict) {
                throw refused;
            }
            log.info("media event {} for call {} changed nothing: {} {}", event.getClass().getSimpleName(), callId,
                    refused.code(), refused.getMessage());
        }
    }
}
