package app.hearth.domain.calls;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.domain.calls.CallCommand.AcceptCall;
import app.hearth.domain.calls.CallCommand.JoinRoom;
import app.hearth.domain.calls.CallCommand.ProvePresence;
import app.hearth.domain.calls.CallCommand.RequestCall;
import app.hearth.domain.money.wallet.CallKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Runs commands against one call, keeping its history, and checks that replaying the history gives the state. */
final class CallDriver {

    static final String CALL = "call-1";
    static final String MEMBER = "member-1";
    static final String COMPANION = "companion-1";
    static final String STRANGER = "member-2";
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    /** The rules' own timeouts: 45 s of ringing, 30 s to join, reconnecting after 20 s, lost after 45 s. */
    static final CallTimeouts RULES = CallTimeouts.DEFAULTS;

    final List<CallEvent> events = new ArrayList<>();
    final CallTimeouts timeouts;
    CallSession state = CallDecider.initialState();

    CallDriver() {
        this(RULES);
    }

    /** A call judged by other timeouts, as configuration may set them. */
    CallDriver(CallTimeouts timeouts) {
        this.timeouts = timeouts;
    }

    static Instant t(long seconds) {
        return T0.plusSeconds(seconds);
    }

    static CallDriver ringing() {
        return ringing(RULES);
    }

    static CallDriver ringing(CallTimeouts timeouts) {
        var driver = new CallDriver(timeouts);
        driver.run(new RequestCall(CALL, MEMBER, COMPANION, CallKind.AUDIO, T0));
        return driver;
    }

    static CallDriver accepted() {
        return accepted(RULES);
    }

    static CallDriver accepted(CallTimeouts timeouts) {
        var driver = ringing(timeouts);
        driver.run(new AcceptCall(CALL, COMPANION, t(5)));
        return driver;
    }

    /** Connected at {@code t(10)}, covered until {@code t(130)}. */
    static CallDriver connected() {
        return connected(RULES);
    }

    static CallDriver connected(CallTimeouts timeouts) {
        var driver = accepted(timeouts);
        driver.run(new JoinRoom(CALL, MEMBER, t(8)));
        driver.run(new JoinRoom(CALL, COMPANION, t(10)));
        return driver;
    }

    /** Both sides prove presence every 10 s from {@code from} (exclusive) to {@code to} (inclusive). */
    CallDriver heartbeats(long from, long to) {
        for (long s = from + 10; s <= to; s += 10) {
            run(new ProvePresence(CALL, t(s), t(s), t(s)));
        }
        return this;
    }

    List<CallEvent> run(CallCommand command) {
        List<CallEvent> decided = CallDecider.decide(command, state, timeouts);
        for (CallEvent event : decided) {
            state = CallDecider.evolve(state, event);
            events.add(event);
        }
        assertThat(CallDecider.replay(events)).isEqualTo(state);
        return decided;
    }

    CallEvent.CallEnded ended() {
        List<CallEvent.CallEnded> ends = events.stream().filter(CallEvent.CallEnded.class::isInstance)
                .map(CallEvent.CallEnded.class::cast).toList();
        assertThat(ends).hasSize(1);
        return ends.getFirst();
    }

    <T> T state(Class<T> type) {
        assertThat(state).isInstanceOf(type);
        return type.cast(state);
    }
}
