package app.hearth.adapters.calls.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.domain.calls.CallCommand.AcceptCall;
import app.hearth.domain.calls.CallCommand.ExtendCoverage;
import app.hearth.domain.calls.CallCommand.HangUp;
import app.hearth.domain.calls.CallCommand.JoinRoom;
import app.hearth.domain.calls.CallCommand.ProvePresence;
import app.hearth.domain.calls.CallCommand.RequestCall;
import app.hearth.domain.calls.CallCommand;
import app.hearth.domain.calls.CallDecider;
import app.hearth.domain.calls.CallEvent.CallEnded;
import app.hearth.domain.calls.CallEvent.CallRequested;
import app.hearth.domain.calls.CallEvent;
import app.hearth.domain.calls.CallSession;
import app.hearth.domain.calls.CallTimeouts;
import app.hearth.domain.calls.EndReason;
import app.hearth.domain.money.wallet.CallKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fold of call events into one read-model row: every field, forward only by sequence, and mustEndBy. */
class CallRowTest {

    private static final CallTimeouts RULES = CallTimeouts.DEFAULTS;

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    final List<CallEvent> events = new ArrayList<>();
    CallSession state = CallDecider.initialState();

    static Instant t(long seconds) {
        return T0.plusSeconds(seconds);
    }

    void run(CallCommand command) {
        for (CallEvent event : CallDecider.decide(command, state, RULES)) {
            events.add(event);
            state = CallDecider.evolve(state, event);
        }
    }

    CallRow fold() {
        CallRow row = CallRow.requested((CallRequested) events.getFirst(), 0);
        for (int i = 1; i < events.size(); i++) {
            assertThat(row.apply(events.get(i), i)).isTrue();
        }
        return row;
    }

    void connect() {
        run(new RequestCall("c1", "m1", "k1", CallKind.VIDEO, T0));
        run(new AcceptCall("c1", "k1", t(5)));
        run(new JoinRoom("c1", "m1", t(8)));
        run(new JoinRoom("c1", "k1", t(10)));
    }

    @Test
    void aWholeCallIsFoldedIntoOneRowThatEndsAsItsCallEndedSays() {
        connect();
        run(new ProvePresence("c1", t(70), t(68), t(70)));
        run(new ExtendCoverage("c1", t(190), t(70)));
        run(new HangUp("c1", "k1", t(100)));
        CallRow row = fold();
        CallEnded ended = (CallEnded) events.getLast();

        assertThat(row.callId).isEqualTo("c1");
        assertThat(row.memberId).isEqualTo("m1");
        assertThat(row.companionId).isEqualTo("k1");
        assertThat(row.kind).isEqualTo(CallKind.VIDEO);
        assertThat(row.state).isEqualTo(CallRow.ENDED);
        assertThat(row.requestedAt).isEqualTo(T0);
        assertThat(row.acceptedAt).isEqualTo(t(5));
        assertThat(row.memberJoinedAt).isEqualTo(t(8));
        assertThat(row.companionJoinedAt).isEqualTo(t(10));
        assertThat(row.connectedAt).isEqualTo(t(10));
        // the hang-up proves the companion present at t(100): both sides are proven until the member's t(70)
        assertThat(row.lastProofAt).isEqualTo(t(70));
        assertThat(row.coveredUntil).isEqualTo(t(190));
        assertThat(row.endedAt).isEqualTo(ended.endedAt()).isEqualTo(t(100));
        assertThat(row.endReason).isEqualTo(EndReason.HUNG_UP_BY_COMPANION);
        assertThat(row.endedBy).isEqualTo("k1");
        assertThat(row.billableUntil).isEqualTo(ended.billableUntil());
        assertThat(row.connectedSeconds).isEqualTo(ended.connectedSeconds()).isEqualTo(90);
        assertThat(row.billableSeconds).isEqualTo(ended.billableSeconds());
        assertThat(row.chargeable).isTrue();
        assertThat(row.completed).isTrue();
        assertThat(row.lastSequence).isEqualTo(events.size() - 1);
        assertThat(row.mustEndBy(RULES)).isNull();
    }

    @Test
    void anEventAtOrBelowTheRowsSequenceChangesNothing() {
        connect();
        run(new ProvePresence("c1", t(70), t(70), t(70)));
        CallRow row = fold();
        var before = row.toRecord(RULES);

        // the same events again, and an older one after a newer one
        for (int i = 0; i < events.size(); i++) {
            assertThat(row.apply(events.get(i), i)).isFalse();
        }
        assertThat(row.toRecord(RULES)).isEqualTo(before);
        assertThat(row.lastProofAt).isEqualTo(t(70));
    }

    @Test
    void mustEndByFollowsTheRulesOfEachState() {
        run(new RequestCall("c1", "m1", "k1", CallKind.AUDIO, T0));
        assertThat(fold().mustEndBy(RULES)).as("ringing: missed after 45 s").isEqualTo(t(45));

        run(new AcceptCall("c1", "k1", t(5)));
        assertThat(fold().mustEndBy(RULES)).as("accepted: failed 30 s after the accept").isEqualTo(t(35));

        run(new JoinRoom("c1", "m1", t(8)));
        run(new JoinRoom("c1", "k1", t(10)));
        // covered until t(130); the last proof is the connect: lost at t(10) + 45 s + the 60 s proof interval
        assertThat(fold().mustEndBy(RULES)).as("connected: the proof bound").isEqualTo(t(115));

        run(new ProvePresence("c1", t(60), t(60), t(60)));
        assertThat(fold().mustEndBy(RULES)).as("connected: the balance bound, the covered time").isEqualTo(t(130));

        run(new ExtendCoverage("c1", t(400), t(60)));
        assertThat(fold().mustEndBy(RULES)).as("connected: the proof bound again").isEqualTo(t(165));
    }

    @Test
    void aShortCoverageStillLetsTheCallRunItsFirstMinute() {
        connect();
        CallRow row = fold();
        row.coveredUntil = t(20);
        assertThat(row.mustEndBy(RULES)).isEqualTo(t(70));
    }
}
