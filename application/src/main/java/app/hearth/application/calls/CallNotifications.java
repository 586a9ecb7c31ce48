package app.hearth.application.calls;

import app.hearth.application.media.MediaRooms;
import app.hearth.application.members.MemberProfiles;
import app.hearth.application.push.IncomingCall;
import app.hearth.application.push.IncomingCallPush;
import app.hearth.domain.calls.CallEvent;
import app.hearth.domain.calls.CallEvent.BalanceWarning;
import app.hearth.domain.calls.CallEvent.CallAccepted;
import app.hearth.domain.calls.CallEvent.CallEnded;
import app.hearth.domain.calls.CallEvent.CallRequested;
import app.hearth.domain.calls.CallTimeouts;
import app.hearth.domain.calls.EndReason;
import app.hearth.domain.money.wallet.CallKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Tells the participants what happened to their call: signals over their open connections, and the push that rings
 * the companion's phone. At most once, and never for what is already over: after a pause (a restart) a stale ring is
 * not sent. Runs after the facts are stored, never inside a command.
 */
public class CallNotifications {

    private static final System.Logger log = System.getLogger(CallNotifications.class.getName());
    private static final String SOMEONE = "A member";

    private final CallSignals signals;
    private final IncomingCallPush push;
    private final MemberProfiles profiles;
    private final MediaRooms rooms;
    private final Clock clock;
    private final Duration joinWindow;
    private final CallTimeouts timeouts;

    public CallNotifications(CallSignals signals, IncomingCallPush push, MemberProfiles profiles, MediaRooms rooms,
                             Clock clock, Duration joinWindow, CallTimeouts timeouts) {
        this.signals = signals;
        this.push = push;
        this.profiles = profiles;
        this.rooms = rooms;
        this.clock = clock;
        this.joinWindow = joinWindow;
        this.timeouts = timeouts;
    }

    /** The signals of {@code event} (fast: no provider call). */
    public void signal(CallEvent event, String memberId, String companionId) {
        Instant now = clock.instant();
        switch (event) {
            case CallRequested requested -> {
                Instant ringsUntil = requested.at().plus(timeouts.ring());
                if (now.isBefore(ringsUntil)) {
                    signals.send(requested.companionId(), new CallSignal.Incoming(requested.callId(),
                            requested.memberId(), callerName(requested.memberId()), wire(requested.kind()),
                            ringsUntil));
                }
            }
            case CallAccepted accepted -> {
                String room = CallsService.room(accepted.callId());
                signals.send(memberId, new CallSignal.Accepted(accepted.callId(), accepted.at(),
                        rooms.grant(room, memberId, "member", joinWindow, now)));
                signals.send(companionId, new CallSignal.Accepted(accepted.callId(), accepted.at(),
                        rooms.grant(room, companionId, "companion", joinWindow, now)));
            }
            case BalanceWarning warning -> signals.send(memberId, new CallSignal.BalanceWarning(warning.callId(),
                    warning.secondsLeft(), warning.endsAt()));
            case CallEnded ended -> {
                if (ended.reason() == EndReason.DECLINED) {
                    signals.send(ended.memberId(), new CallSignal.Declined(ended.callId(), ended.endedAt()));
                }
                var signal = new CallSignal.Ended(ended.callId(), ended.reason(), ended.endedAt(),
                        ended.billableSeconds());
                signals.send(ended.memberId(), signal);
                signals.send(ended.companionId(), signal);
            }
            default -> { }
        }
    }

    /** Rings the companion's phones for a call that still rings (slow: provider calls with retries). */
    public void ring(CallRequested requested) {
        Instant ringsUntil = requested.at().plus(timeouts.ring());
        if (!clock.instant().isBefore(ringsUntil)) {
            log.log(System.Logger.Level.DEBUG, "call {0} stopped ringing before its push was sent", requested.callId());
            return;
        }
        var result = push.ring(requested.companionId(), new IncomingCall(requested.callId(),
                callerName(requested.memberId()), wire(requested.kind()), IncomingCall.deepLinkFor(requested.callId()),
                ringsUntil));
        log.log(System.Logger.Level.INFO, "call {0} rang companion {1}: {2} sent, {3} removed, {4} failed",
                requested.callId(), requested.companionId(), result.sent(), result.removed(), result.failed());
    }

    private String callerName(String memberId) {
        return profiles.find(memberId).map(profile -> profile.profile().displayName()).orElse(SOMEONE);
    }

    private static String wire(CallKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
