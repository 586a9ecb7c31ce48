package app.hearth.adapters.calls.liveness;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.adapters.calls.liveness.SharedLivenessBoard.Beats;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class LivenessPayloadsTest {

    /** PostgreSQL's 7999 bytes less a node prefix of 12. */
    private static final int LIMIT = 7987;
    private static final Instant T = Instant.parse("2026-11-24T12:00:00.123456789Z");

    private final LivenessPayloads payloads = new LivenessPayloads(JsonMapper.builder().build());

    @Test
    void beatsRoundTripToTheNanosecondWithMissingSides() {
        var beats = List.of(new Beats("c1", T, null), new Beats("c2", null, T.plusMillis(1500)),
                new Beats("c3", T.minusSeconds(30).minusNanos(7), T.plusSeconds(4)));
        List<String> encoded = payloads.encode(beats, LIMIT);
        assertThat(encoded).hasSize(1);
        assertThat(payloads.decode(encoded.getFirst())).containsExactlyElementsOf(beats);
    }

    @Test
    void manyBeatsAreSplitIntoPayloadsUnderTheLimitInOrderWithNoneLost() {
        var beats = new ArrayList<Beats>();
        for (int i = 0; i < 2_000; i++) {
            beats.add(new Beats(UUID.randomUUID().toString(), T.plusMillis(i), i % 3 == 0 ? null : T.plusMillis(2 * i)));
        }
        List<String> encoded = payloads.encode(beats, LIMIT);
        assertThat(encoded).hasSizeGreaterThan(10);
        var decoded = new ArrayList<Beats>();
        for (String payload : encoded) {
            assertThat(payload.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(LIMIT);
            decoded.addAll(payloads.decode(payload));
        }
        assertThat(decoded).containsExactlyElementsOf(beats);
        // well filled: each payload but the last carries at least 90 UUID calls
        assertThat(encoded.size()).isLessThanOrEqualTo(2_000 / 90 + 1);
    }

    @Test
    void theLimitIsCountedInUtf8BytesAndIdsAreEscaped() {
        var beats = new ArrayList<Beats>();
        for (int i = 0; i < 300; i++) {
            beats.add(new Beats("appel \"é\" ☎ " + i + " \\ \n", T, T));
        }
        List<String> encoded = payloads.encode(beats, 1000);
        var decoded = new ArrayList<Beats>();
        for (String payload : encoded) {
            assertThat(payload.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1000);
            decoded.addAll(payloads.decode(payload));
        }
        assertThat(decoded).containsExactlyElementsOf(beats);
    }

    @Test
    void aCallTooLargeForAnyPayloadIsLeftOutAndTheOthersGo() {
        var beats = List.of(new Beats("a", T, null), new Beats("x".repeat(LIMIT), T, null), new Beats("b", null, T));
        List<String> encoded = payloads.encode(beats, LIMIT);
        assertThat(encoded).hasSize(1);
        assertThat(payloads.decode(encoded.getFirst())).containsExactly(beats.get(0), beats.get(2));
    }

    @Test
    void nothingToShareMakesNoPayloadAndForeignPayloadsDecodeToNothing() {
        assertThat(payloads.encode(List.of(), LIMIT)).isEmpty();
        assertThat(payloads.decode("{\"something\":\"else\"}")).isEmpty();
        assertThat(payloads.decode("{\"t\":1,\"b\":[[1,2,3],[\"ok\",null,null]]}"))
                .containsExactly(new Beats("ok", null, null));
    }
}
