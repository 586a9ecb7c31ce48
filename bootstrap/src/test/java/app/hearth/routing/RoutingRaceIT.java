package app.hearth.routing;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.support.Api;
import app.hearth.support.HearthNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two members ask at once, on two nodes, for the last available companion: exactly one rings them (their presence
 * locked and both lines claimed in the ring's transaction), the other waits in the queue. Repeated, so that the
 * requests really overlap at least some of the times.
 */
class RoutingRaceIT extends RoutingIntegrationTest {

    @RegisterExtension
    // on this class's clock: a ring made on node B by another clock would be timed out here at once
    static final HearthNode nodeB = HearthNode.onTestDatabase().withWebServer().unthrottled()
            .with(new app.hearth.support.TestClock.Initializer());

    @Test
    void twoMembersAskingAtOnceOnTwoNodesForTheLastCompanionExactlyOneRingsThem() throws Exception {
        for (int round = 0; round < 5; round++) {
            String companion = id("c-last-" + round);
            companion(companion, "ku", List.of("listening"));
            available(companion);
            String first = id("m-race-a-" + round);
            String second = id("m-race-b-" + round);
            Api onA = member(first, "ku", List.of());
            member(second, "ku", List.of());
            Api onB = nodeB.api().signedInAs(second, "member");
            var barrier = new CyclicBarrier(2);
            String callA = id("call-race-a-" + round);
            String callB = id("call-race-b-" + round);
            var a = CompletableFuture.supplyAsync(() -> ask(barrier, onA, callA));
            var b = CompletableFuture.supplyAsync(() -> ask(barrier, onB, callB));
            List<Api.Response> answers = List.of(a.get(), b.get());
            assertThat(answers).extracting(Api.Response::status).as(answers.toString())
                    .containsExactlyInAnyOrder(201, 202);
            var rung = answers.stream().filter(answer -> answer.status() == 201).findFirst().orElseThrow();
            assertThat(rung.body().get("companionId").asString()).isEqualTo(companion);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM call_line WHERE user_id = ?", Long.class, companion))
                    .as("never two lines for one companion").isLessThanOrEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM routing_decision WHERE chosen_companion_id = ?",
                    Long.class, companion)).as("one offer of the last companion").isEqualTo(1);
            Api waiter = rung.body().get("memberId").asString().equals(first) ? onB : onA;
            assertThat(waiter.get("/api/v1/me/queue").status()).isEqualTo(200);
            assertThat(waiter.delete("/api/v1/me/queue").status()).isEqualTo(204);
            offline(companion);
        }
    }

    private static Api.Response ask(CyclicBarrier barrier, Api member, String callId) {
        try {
            barrier.await();
        } catch (Exception interrupted) {
            throw new IllegalStateException(interrupted);
        }
        return member.post("/api/v1/calls", Map.of("callId", callId, "companionId", "any", "kind", "audio"));
    }
}
