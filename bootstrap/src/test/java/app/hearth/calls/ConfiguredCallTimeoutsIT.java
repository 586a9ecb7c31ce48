package app.hearth.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.application.calls.CallsService;
import app.hearth.application.deadlines.Deadlines;
import app.hearth.domain.calls.CallSession;
import app.hearth.domain.calls.EndReason;
import app.hearth.support.Api;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The call timeouts are configuration ({@code hearth.calls.timeouts.*}, ADR 0029): with other numbers than the
 * rules' defaults, the decider, the persistent wake-up, the status and the watchdog all follow them. Each number here
 * is chosen so that the default would give another outcome at the moment checked.
 */
@TestPropertySource(properties = {
    "hearth.calls.timeouts.ring=PT20S",
    "hearth.calls.timeouts.join=PT10S",
    "hearth.calls.timeouts.reconnecting-after=PT30S",
    "hearth.calls.timeouts.lost-after=PT60S"
})
class ConfiguredCallTimeoutsIT extends CallsIntegrationTest {

    @Autowired
    Deadlines deadlines;

    /** When the persistent wake-up of {@code callId} is due. */
    private Instant wakeUp(String callId) {
        return deadlines.due(CallsService.DEADLINE_KIND, callId)
                .orElseThrow(() -> new AssertionError("call " + callId + " has no wake-up"));
    }

    @Test
    void aCallRingsForTheConfiguredTimeAndIsMissedAtItsEnd() {
        Api member = member(id("m-ring"), 100);
        availableCompanion(id("c-ring"));
        String callId = id("call-ring");
        var rung = call(member, callId, id("c-ring"), "audio");
        assertThat(rung.status()).as(rung.raw().body()).isEqualTo(201);
        Instant requestedAt = Instant.parse(rung.body().get("requestedAt").asString());
        assertThat(Instant.parse(rung.body().get("ringsUntil").asString())).isEqualTo(requestedAt.plusSeconds(20));
        assertThat(wakeUp(callId)).isEqualTo(requestedAt.plusSeconds(20));

        CLOCK.advance(Duration.ofSeconds(21)); // by default it would ring for 24 s more
        CallSession.Ended ended = awaitEnded(callId);
        assertThat(ended.reason()).isEqualTo(EndReason.MISSED);
        assertThat(ended.endedAt()).isEqualTo(requestedAt.plusSeconds(20));
    }

    @Test
    void anAcceptedCallFailsWhenNobodyJoinsWithinTheConfiguredTime() {
        Api member = member(id("m-join"), 100);
        Api companion = availableCompanion(id("c-join"));
        String callId = id("call-join");
        assertThat(call(member, callId, id("c-join"), "audio").status()).isEqualTo(201);
        assertThat(companion.post("/api/v1/calls/" + callId + "/accept", null).status()).isEqualTo(200);
        Instant acceptedAt = ((CallSession.Accepted) calls.state(callId)).acceptedAt();
        assertThat(wakeUp(callId)).isEqualTo(acceptedAt.plusSeconds(10));

        CLOCK.advance(Duration.ofSeconds(11)); // by default the room would wait 19 s more
        CallSession.Ended ended = awaitEnded(callId);
        assertThat(ended.reason()).isEqualTo(EndReason.FAILED);
        assertThat(ended.endedAt()).isEqualTo(acceptedAt.plusSeconds(10));
    }

    @Test
    void aSilentSideIsLostOnlyAfterTheConfiguredSilenceAndBilledToItsLastHeartbeat() throws InterruptedException {
        Api member = member(id("m-lost"), 100);
        Api companion = availableCompanion(id("c-lost"));
        String callId = connectedCall(member, companion, id("c-lost"), id("call-lost"));
        talk(member, companion, callId, 70); // both proven until 70 s
        Instant connectedAt = ((CallSession.Connected) calls.state(callId)).connectedAt();
        // the minute's checkpoint extends the hold to 3 minutes before the test clock moves past the first two
        await().atMost(Duration.ofSeconds(15)).until(() -> calls.state(callId) instanceof CallSession.Connected c
                && c.coveredUntil().equals(connectedAt.plusSeconds(180)));
        for (int s = 0; s < 50; s += 10) {
            CLOCK.advance(Duration.ofSeconds(10));
            assertThat(companion.post("/api/v1/calls/" + callId + "/heartbeats", null).status()).isEqualTo(204);
        }
        // the member has been silent for 50 s: lost by default, not with 60 s. The watchdog looks every second.
        Thread.sleep(2_500);
        assertThat(calls.state(callId)).isInstanceOf(CallSession.Connected.class);

        CLOCK.advance(Duration.ofSeconds(11));
        CallSession.Ended ended = awaitEnded(callId);
        assertThat(ended.reason()).isEqualTo(EndReason.CONNECTION_LOST);
        assertThat(ended.billableSeconds()).isEqualTo(70);
    }
}
