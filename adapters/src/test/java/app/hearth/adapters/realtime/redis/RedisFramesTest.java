package app.hearth.adapters.realtime.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.DefaultMessage;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import tools.jackson.databind.json.JsonMapper;

/** The Redis message of a batch of frames, read without Redis (RedisFanOutIT sends them through the real one). */
class RedisFramesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<String> delivered = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    // never started: no thread, no connection
    private final RedisFrames frames = new RedisFrames(new LettuceConnectionFactory(),
            new RedisFrames.Settings("hearth:frames", 10, 5, 1000, Duration.ofMillis(250), Duration.ofSeconds(5)),
            (userId, message) -> {
                delivered.add(userId + " " + message);
                return 1;
            }, JSON, true, meters);

    @Test
    void anotherNodesBatchIsDeliveredFrameByFrameToEachOfItsUsersInOrder() {
        frames.onMessage(message("hearth-frames/1 someone-else\n"
                + "[\"u1\",\"u2\"]\n{\"type\":\"x\",\"seq\":1}\n"
                + "[\"u3\"]\n{\"type\":\"x\",\"text\":\"a\\nb [\\\"not users\\\"]\"}\n"), null);

        assertThat(delivered).containsExactly("u1 {\"type\":\"x\",\"seq\":1}", "u2 {\"type\":\"x\",\"seq\":1}",
                "u3 {\"type\":\"x\",\"text\":\"a\\nb [\\\"not users\\\"]\"}");
        assertThat(meters.counter("hearth.realtime.fanout.received").count()).isEqualTo(2);
    }

    @Test
    void thisNodesOwnBatchIsIgnoredButANodeWhoseIdMerelyStartsTheSameIsNot() {
        frames.onMessage(message("hearth-frames/1 " + frames.nodeId() + "\n[\"u1\"]\n{\"type\":\"x\"}\n"), null);
        assertThat(delivered).isEmpty();

        frames.onMessage(message("hearth-frames/1 " + frames.nodeId() + "x\n[\"u1\"]\n{\"type\":\"x\"}\n"), null);
        assertThat(delivered).containsExactly("u1 {\"type\":\"x\"}");
    }

    @Test
    void somethingElseOnTheChannelIsIgnoredAndNothingThrows() {
        frames.onMessage(message("hello"), null);
        frames.onMessage(message("hearth-frames/1 other\nnot json\n{}\n"), null);
        assertThat(delivered).isEmpty();
    }

    @Test
    void aNodeThatDoesNotRunDropsAndCountsWhatItIsGivenWithoutThrowing() {
        assertThat(frames.publish(Set.of("u1"), "{\"type\":\"x\"}")).isFalse();
        assertThat(meters.counter("hearth.realtime.fanout.dropped", "reason", "stopped").count()).isEqualTo(1);
    }

    private static DefaultMessage message(String body) {
        return new DefaultMessage("hearth:frames".getBytes(StandardCharsets.UTF_8),
                body.getBytes(StandardCharsets.UTF_8));
    }
}
