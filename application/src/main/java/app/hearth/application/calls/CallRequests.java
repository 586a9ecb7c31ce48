package app.hearth.application.calls;

import app.hearth.application.access.TeamDirectory;
import app.hearth.application.calls.Calls.CallStatus;
import app.hearth.application.companions.CompanionRegistry;
import app.hearth.application.media.MediaAccess;
import app.hearth.application.media.MediaRooms;
import app.hearth.application.money.metering.Metering;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.CompanionScope;
import app.hearth.domain.access.Role;
import app.hearth.domain.calls.CallCommand;
import app.hearth.domain.calls.CallDecider;
import app.hearth.domain.calls.CallSession;
import app.hearth.domain.calls.CallSession.Accepted;
import app.hearth.domain.calls.CallSession.Connected;
import app.hearth.domain.calls.CallSession.Ended;
import app.hearth.domain.calls.CallSession.NotRequested;
import app.hearth.domain.calls.CallSetup;
import app.hearth.domain.calls.Side;
import app.hearth.domain.companions.CompanionStatus;
import app.hearth.domain.money.wallet.CallKind;
import app.hearth.domain.shared.RuleViolation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Requesting and answering calls: a member requests a companion ({@link CallRouting}: anyone), the companion accepts
 * or declines, the member cancels, a participant hangs up, staff end a call, and a participant asks for fresh room
 * credentials. The member's hold is placed before the call rings, so that ringing needs at least one billable minute
 * and the room credentials are only issued once the hold stands; it is captured or released when the call ends
 * ({@link CallSettlement}).
 */
public class CallRequests {

    public static final String COMPANION_NOT_FOUND = "COMPANION_NOT_FOUND";
    public static final String COMPANION_UNAVAILABLE = "COMPANION_UNAVAILABLE";
    public static final String COMPANION_BUSY = "COMPANION_BUSY";
    public static final String MEMBER_IN_CALL = "MEMBER_IN_CALL";
    public static final String ONLY_MEMBERS_CALL = "ONLY_MEMBERS_CALL";
    public static final String CALL_ID_INVALID = "CALL_ID_INVALID";
    private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    private final CallChanges changes;
    private final CallLines lines;
    private final Metering metering;
    private final CompanionRegistry companions;
    private final TeamDirectory teams;
    private final CompanionPresenceLock presence;
    private final MediaRooms rooms;
    private final Clock clock;
    private final Duration joinWindow;

    public CallRequests(CallChanges changes, CallLines lines, Metering metering, CompanionRegistry companions,
                        TeamDirectory teams, CompanionPresenceLock presence, MediaRooms rooms, Clock clock,
                        Duration joinWindow) {
        this.changes = changes;
        this.lines = lines;
        this.metering = metering;
        this.companions = companions;
        this.teams = teams;
        this.presence = presence;
        this.rooms = rooms;
        this.clock = clock;
        this.joinWindow = MediaRooms.requireJoinWindow(joinWindow);
    }

    /** See {@link Calls#request}. */
    public CallStatus request(Actor member, String callId, String companionId, CallKind kind) {
        if (member.role() != Role.MEMBER) {
            throw RuleViolation.forbidden(ONLY_MEMBERS_CALL, "only members place calls");
        }
        RuleViolation.require(kind, "kind");
        RuleViolation.requireText(companionId, "companionId");
        String id = callId(callId);
        CallSession existing = changes.state(id);
        if (!(existing instanceof NotRequested)) {
            return repeatedRequest(member, id, companionId, kind, existing);
        }
        Instant now = clock.instant();
        List<String> candidates = List.of(requireCallable(companionId, member.userId()));
        // the hold first: no ringing without a billable minute, and nothing else may spend it meanwhile
        long firstCover = metering.placeHold(member.userId(), CallsService.holdId(id), kind,
                CallDecider.FIRST_HOLD.toSeconds(), now).coveredSeconds();
        try {
            CallSession ringing = changes.inTransaction(() -> {
                if (!lines.claim(member.userId(), id)) {
                    throw RuleViolation.conflict(MEMBER_IN_CALL, "you are in another call; end it first");
                }
                for (String candidate : candidates) {
                    // the presence first, then the line: the order a routed call takes them in (adr/0054)
                    if (!presence.lockAvailable(candidate)) {
                        throw unavailable(candidate);
                    }
                    if (lines.claim(candidate, id)) {
                        return changes.settle(changes.send(new CallCommand.RequestCall(id, member.userId(),
                                candidate, kind, firstCover, now)), now);
                    }
                }
                throw RuleViolation.conflict(COMPANION_BUSY, "the companion is in another call");
            });
            return changes.status(ringing, null);
        } catch (RuntimeException refused) {
            metering.releaseHold(member.userId(), CallsService.holdId(id), now);
            throw refused;
        }
    }

    /** The call id to use: the one the client chose, checked, or a new one. */
    static String callId(String chosen) {
        String id = chosen == null ? UUID.randomUUID().toString() : chosen;
        if (!CALL_ID.matcher(id).matches()) {
            throw RuleViolation.invalid(CALL_ID_INVALID, "callId", "a call id is 8 to 64 letters, digits, - or _");
        }
        return id;
    }

    private CallStatus repeatedRequest(Actor member, String callId, String companionId, CallKind kind,
                                       CallSession existing) {
        CallSetup setup = CallDecider.setup(existing);
        if (!setup.memberId().equals(member.userId())) {
            throw RuleViolation.conflict(CallDecider.CALL_ID_TAKEN, "call id " + callId + " is taken by another call");
        }
        if (setup.kind() != kind
                || !(Calls.ANY_COMPANION.equals(companionId) || setup.companionId().equals(companionId))) {
            throw RuleViolation.conflict(CallDecider.CALL_ID_TAKEN, "call id " + callId + " is taken by another call");
        }
        return changes.status(existing, null);
    }

    private String requireCallable(String companionId, String memberId) {
        var companion = companions.find(companionId)
                .filter(found -> found.status() == CompanionStatus.ACTIVE)
                .orElseThrow(() -> RuleViolation.notFound(COMPANION_NOT_FOUND, "no active companion " + companionId));
        if (companion.companionId().equals(memberId)) {
            throw RuleViolation.invalid(CallDecider.SAME_PARTICIPANT, "companionId", "a member cannot call themselves");
        }
        if (!companion.available()) { // derived presence (adr/0053): state AVAILABLE
            throw unavailable(companion.companionId());
        }
        return companion.companionId();
    }

    /** Why a companion cannot be rung now: in another call, or else not available. */
    private RuleViolation unavailable(String companionId) {
        if (!lines.busy(Set.of(companionId)).isEmpty()) {
            return RuleViolation.conflict(COMPANION_BUSY, "the companion is in another call");
        }
        return RuleViolation.conflict(COMPANION_UNAVAILABLE, "the companion is not available right now");
    }

    /** See {@link Calls#accept}. */
    public CallStatus accept(Actor companion, String callId) {
        changes.participantState(companion, callId);
        Instant now = clock.instant();
        CallSession state = changes.change(() -> new CallCommand.AcceptCall(callId, companion.userId(), now), now);
        return changes.status(state, state instanceof Accepted ? grant(state, companion.userId(), now) : null);
    }

    /** See {@link Calls#decline}. */
    public CallStatus decline(Actor companion, String callId) {
        changes.participantState(companion, callId);
        Instant now = clock.instant();
        return changes.status(changes.change(() -> new CallCommand.DeclineCall(callId, companion.userId(), now),
                now), null);
    }

    /** See {@link Calls#cancel}. */
    public CallStatus cancel(Actor member, String callId) {
        changes.participantState(member, callId);
        Instant now = clock.instant();
        return changes.status(changes.change(() -> new CallCommand.CancelCall(callId, member.userId(), now), now),
                null);
    }

    /** See {@link Calls#hangUp}: a participant hangs up; staff who reach the call's companion end it. */
    public CallStatus hangUp(Actor actor, String callId) {
        CallSession current = changes.state(callId);
        Instant now = clock.instant();
        boolean participant = !(current instanceof NotRequested)
                && CallDecider.setup(current).sideOf(actor.userId()).isPresent();
        if (!participant) {
            // staff end the calls of the companions they reach (a supervisor: their teams'); to others it is unknown
            if (current instanceof NotRequested || !CompanionScope.reachOf(actor)
                    .covers(CallDecider.setup(current).companionId(), teams::supervisorOf)) {
                throw CallChanges.notFound(callId);
            }
            return changes.status(changes.change(() -> new CallCommand.EndByStaff(callId, actor.userId(), now), now),
                    null);
        }
        return changes.status(changes.hangUp(callId, actor.userId(), now, now), null);
    }

    /** See {@link Calls#media}. */
    public MediaAccess media(Actor participant, String callId) {
        CallSession state = changes.participantState(participant, callId);
        if (!(state instanceof Accepted || state instanceof Connected)) {
            throw state instanceof Ended
                    ? RuleViolation.conflict(CallDecider.CALL_ENDED, "the call has ended")
                    : RuleViolation.conflict(CallDecider.CALL_NOT_ACCEPTED, "the call has not been accepted yet");
        }
        return grant(state, participant.userId(), clock.instant());
    }

    private MediaAccess grant(CallSession state, String participantId, Instant now) {
        CallSetup setup = CallDecider.setup(state);
        String name = setup.sideOf(participantId).orElseThrow() == Side.MEMBER ? "member" : "companion";
        return rooms.grant(CallsService.room(CallDecider.callId(state)), participantId, name, joinWindow, now);
    }
}
