package app.hearth.application.calls;

import app.hearth.application.media.MediaAccess;
import app.hearth.domain.access.Actor;
import app.hearth.domain.money.wallet.CallKind;
import app.hearth.domain.routing.RoutingFilters;
import app.hearth.domain.shared.RuleViolation;
import java.time.Instant;

/**
 * The calls use cases behind {@link Calls}, one class per use case: {@link CallRequests} (requesting and
 * answering, with {@link CallRouting} choosing whom to ring), {@link CallPresence} (heartbeats and the media
 * server's room facts) and {@link CallCheckpoints} (the watchdog's checkpoint); {@link CallChanges} is how each
 * changes a call. The names a call's other parts are known by (its hold, its room, its wake-up's kind) are here.
 */
public class CallsService implements Calls {

    /** The persistent deadline kind of calls; the key is the call id. */
    public static final String DEADLINE_KIND = "call";

    private final CallRequests requests;
    private final CallPresence presence;
    private final CallRouting routing;

    public CallsService(CallRequests requests, CallPresence presence, CallRouting routing) {
        this.requests = requests;
        this.presence = presence;
        this.routing = routing;
    }

    /** The hold of a call's member is named after the call. */
    public static String holdId(String callId) {
        return "call:" + callId;
    }

    /** The media room of a call is named after the call. */
    public static String room(String callId) {
        return "call-" + callId;
    }

    @Override
    public CallStatus request(Actor member, String callId, String companionId, CallKind kind) {
        if (Calls.ANY_COMPANION.equals(companionId)) {
            return switch (requestAnyone(member, callId, kind, RoutingFilters.NONE)) {
                case Routed.Rung rung -> rung.call();
                case Routed.Waiting ignored -> throw RuleViolation.conflict(CallRouting.WAITING_IN_QUEUE,
                        "nobody is available: you are waiting in the queue");
            };
        }
        return requests.request(member, callId, companionId, kind);
    }

    @Override
    public Routed requestAnyone(Actor member, String callId, CallKind kind, RoutingFilters filters) {
        return routing.requestAnyone(member, callId, kind, filters);
    }

    @Override
    public CallStatus accept(Actor companion, String callId) {
        return requests.accept(companion, callId);
    }

    @Override
    public CallStatus decline(Actor companion, String callId) {
        return requests.decline(companion, callId);
    }

    @Override
    public CallStatus cancel(Actor member, String callId) {
        return requests.cancel(member, callId);
    }

    @Override
    public CallStatus hangUp(Actor actor, String callId) {
        return requests.hangUp(actor, callId);
    }

    @Override
    public void heartbeat(Actor participant, String callId) {
        presence.heartbeat(participant, callId);
    }

    @Override
    public MediaAccess media(Actor participant, String callId) {
        return requests.media(participant, callId);
    }

    /** A media-server fact: a participant joined the call's room (see {@link CallPresence#joinedRoom}). */
    public void joinedRoom(String callId, String participantId, Instant at) {
        presence.joinedRoom(callId, participantId, at);
    }

    /** A media-server fact: a participant left the call's room (see {@link CallPresence#leftRoom}). */
    public void leftRoom(String callId, String participantId, Instant at) {
        presence.leftRoom(callId, participantId, at);
    }
}
