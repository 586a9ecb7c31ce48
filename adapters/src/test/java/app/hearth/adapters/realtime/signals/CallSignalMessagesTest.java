package app.hearth.adapters.realtime.signals;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.application.calls.CallSignal;
import app.hearth.application.media.MediaAccess;
import app.hearth.domain.calls.EndReason;
import app.hearth.domain.calls.Side;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CallSignalMessagesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T = Instant.parse("2026-11-24T12:00:00Z");

    private final CallSignalMessages messages = new CallSignalMessages(JSON);

    @Test
    void everySignalIsItsTypeAndCallIdFirstThenTheRecordsFields() {
        var cases = List.<CallSignal>of(
                new CallSignal.Incoming("c1", "m1", "Ada", "video", T),
                new CallSignal.Accepted("c1", T, new MediaAccess("wss://media", "room-1", "m1", "jwt", T)),
                new CallSignal.Declined("c1", T),
                new CallSignal.Reconnecting("c1", Side.COMPANION, T),
                new CallSignal.BalanceWarning("c1", 30, T),
                new CallSignal.Ended("c1", EndReason.CONNECTION_LOST, T, 61));
        for (CallSignal signal : cases) {
            JsonNode message = JSON.readTree(messages.toJson(signal));
            var fields = new java.util.ArrayList<String>();
            message.propertyNames().forEach(fields::add);
            var components = java.util.Arrays.stream(signal.getClass().getRecordComponents())
                    .map(java.lang.reflect.RecordComponent::getName).filter(name -> !name.equals("callId")).toList();
            assertThat(fields.subList(0, 2)).containsExactly("type", "callId");
            assertThat(fields.subList(2, fields.size())).containsExactlyElementsOf(components);
            assertThat(message.get("type").asString()).isEqualTo(signal.type());
            assertThat(message.get("callId").asString()).isEqualTo("c1");
        }
        JsonNode ended = JSON.readTree(messages.toJson(cases.getLast()));
        assertThat(ended.get("reason").asString()).isEqualTo("CONNECTION_LOST");
        assertThat(ended.get("endedAt").asString()).isEqualTo("2026-11-24T12:00:00Z");
        assertThat(ended.get("billableSeconds").asLong()).isEqualTo(61);
        JsonNode accepted = JSON.readTree(messages.toJson(cases.get(1)));
        assertThat(accepted.at("/media/token").asString()).isEqualTo("jwt");
        JsonNode noMedia = JSON.readTree(messages.toJson(new CallSignal.Accepted("c1", T, null)));
        assertThat(noMedia.get("media").isNull()).isTrue();
    }
}
