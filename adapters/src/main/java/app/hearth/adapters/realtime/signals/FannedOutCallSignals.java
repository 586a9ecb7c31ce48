package app.hearth.adapters.realtime.signals;

import app.hearth.adapters.realtime.frames.FrameFanOut;
import app.hearth.adapters.realtime.websocket.RealtimeSessions;
import app.hearth.application.calls.CallSignal;
import app.hearth.application.calls.CallSignals;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CallSignals} over the frames' fan-out ({@code hearth.realtime.fan-out=redis}, adr/0046): a call signal is
 * one more frame to one user, written once as {@link CallSignalMessages} writes it, handed to the user's connections
 * on this node and passed to the other nodes by the same {@link FrameFanOut} as every other frame. No NOTIFY.
 * Best effort and at most once, never throwing, never waiting on a client or on the transport.
 */
public final class FannedOutCallSignals implements CallSignals {

    private static final Logger log = LoggerFactory.getLogger(FannedOutCallSignals.class);

    private final RealtimeSessions sessions;
    private final FrameFanOut fanOut;
    private final CallSignalMessages messages;

    public FannedOutCallSignals(RealtimeSessions sessions, FrameFanOut fanOut, CallSignalMessages messages) {
        this.sessions = sessions;
        this.fanOut = fanOut;
        this.messages = messages;
    }

    @Override
    public void send(String userId, CallSignal signal) {
        if (userId == null || signal == null) {
            log.warn("a call signal without a user or a signal was not sent: {} {}", userId, signal);
            return;
        }
        try {
            String message = messages.toJson(signal);
            sessions.deliver(userId, message);
            fanOut.publish(List.of(userId), message);
        } catch (RuntimeException e) {
            log.warn("the {} signal of call {} to {} was not sent: {}", signal.type(), signal.callId(), userId,
                    e.toString());
        }
    }
}
