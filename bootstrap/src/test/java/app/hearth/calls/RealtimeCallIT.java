package app.hearth.calls;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.application.calls.LivenessBoard;
import app.hearth.domain.calls.CallSession;
import app.hearth.support.Api;
import app.hearth.support.RealtimeClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A real call seen over the participants' real-time connections: the signals its events produce (incoming, accepted,
 * ended), and heartbeats sent over the connection instead of REST, answered one by one.
 */
class RealtimeCallIT extends CallsIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Autowired
    LivenessBoard board;

    /** The next message of {@code type}, skipping others (pings of the protocol never arrive as text). */
    private static JsonNode next(RealtimeClient client, String type) {
        var skipped = new ArrayList<String>();
        long end = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < end) {
            JsonNode message = client.next(Duration.ofMillis(200));
            if (message == null) {
                continue;
            }
            if (type.equals(message.path("type").asString())) {
                return message;
            }
            skipped.add(message.toString());
        }
        throw new AssertionError("no " + type + " message within " + PATIENCE + "; got " + skipped);
    }

    @Test
    void theSignalsOfARealCallReachBothParticipantsAndHeartbeatsOverTheConnectionKeepItAlive() {
        String memberId = id("m-rt");
        String companionId = id("c-rt");
        Api member = member(memberId, 100);
        Api companion = availableCompanion(companionId);
        String callId = id("call-rt");
        try (var memberSocket = RealtimeClient.withHeader(port, member.token());
             var companionSocket = RealtimeClient.withHeader(port, companion.token())) {
            assertThat(call(member, callId, companionId, "video").status()).isEqualTo(201);
            JsonNode incoming = next(companionSocket, "incoming");
            assertThat(incoming.path("callId").asString()).isEqualTo(callId);

            assertThat(companion.post("/api/v1/calls/" + callId + "/accept", null).status()).isEqualTo(200);
            JsonNode accepted = next(memberSocket, "accepted");
            assertThat(accepted.path("callId").asString()).isEqualTo(callId);

            // heartbeats over the connections: the first of each side joins the room, and the call connects
            memberSocket.send("{\"type\":\"heartbeat\",\"callId\":\"" + callId + "\",\"seq\":1}");
            JsonNode memberBeat = next(memberSocket, "heartbeat");
            assertThat(memberBeat.path("ok").asBoolean()).as(memberBeat.toString()).isTrue();
            assertThat(memberBeat.path("seq").asLong()).isEqualTo(1);
            companionSocket.send("{\"type\":\"heartbeat\",\"callId\":\"" + callId + "\"}");
            assertThat(next(companionSocket, "heartbeat").path("ok").asBoolean()).isTrue();
            assertThat(calls.state(callId)).isInstanceOf(CallSession.Connected.class);

            CLOCK.advance(Duration.ofSeconds(10));
            var sent = CLOCK.instant();
            memberSocket.send("{\"type\":\"heartbeat\",\"callId\":\"" + callId + "\",\"seq\":2}");
            assertThat(next(memberSocket, "heartbeat").path("seq").asLong()).isEqualTo(2);
            assertThat(board.seen(callId).orElseThrow().memberSeenAt()).isBetween(sent, CLOCK.instant());

            // refusals carry the REST route's codes; the connection stays open
            String stranger = id("call-not-theirs");
            memberSocket.send("{\"type\":\"heartbeat\",\"callId\":\"" + stranger + "\",\"seq\":3}");
            JsonNode refused = next(memberSocket, "heartbeat");
            assertThat(refused.path("ok").asBoolean()).isFalse();
            assertThat(refused.path("code").asString()).isEqualTo("CALL_NOT_FOUND");
            memberSocket.send("{\"type\":\"heartbeat\"}");
            assertThat(next(memberSocket, "heartbeat").path("code").asString()).isEqualTo("CALL_ID_INVALID");
            memberSocket.send("not json");
            assertThat(next(memberSocket, "error").path("code").asString()).isEqualTo("MESSAGE_INVALID");

            assertThat(companion.post("/api/v1/calls/" + callId + "/hangup", null).status()).isEqualTo(200);
            for (var socket : List.of(memberSocket, companionSocket)) {
                JsonNode ended = next(socket, "ended");
                assertThat(ended.path("callId").asString()).isEqualTo(callId);
                assertThat(ended.path("reason").asString()).isEqualTo("HUNG_UP_BY_COMPANION");
            }
            memberSocket.send("{\"type\":\"heartbeat\",\"callId\":\"" + callId + "\",\"seq\":4}");
            JsonNode afterEnd = next(memberSocket, "heartbeat");
            assertThat(afterEnd.path("ok").asBoolean()).isFalse();
            assertThat(afterEnd.path("code").asString()).as("the app stops beating").isEqualTo("CALL_ENDED");
            assertThat(memberSocket.closeCode(Duration.ofMillis(100))).as("still open").isNull();
        }
    }
}
