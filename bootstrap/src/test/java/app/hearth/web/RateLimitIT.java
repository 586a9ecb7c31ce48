package app.hearth.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.bootstrap.HearthApplication;
import app.hearth.support.Api;
import app.hearth.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Rate limits (ADR 0011) with small limits in a context of its own: a burst of twice the limit, sent by 16
 * threads at once, gets exactly the limit through and {@code 429} with {@code Retry-After} for the rest, never a
 * server error; another caller is not affected. Each test sends from its own loopback address (127.0.0.x), so
 * that the per-address limits of one test do not touch another.
 */
@SpringBootTest(classes = HearthApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            // 6 sign-ins or failed authentications and 8 writes per address or user per 10 minutes: no token comes
            // back during a test, so the counts are exact
            "hearth.rate-limits.auth.capacity=" + RateLimitIT.AUTH,
            "hearth.rate-limits.auth.period=PT10M",
            "hearth.rate-limits.write.capacity=" + RateLimitIT.WRITE,
            "hearth.rate-limits.write.period=PT10M",
            "hearth.rate-limits.read.capacity=1000"
        })
@DirtiesContext
class RateLimitIT extends IntegrationTest {

    static final int AUTH = 6;
    static final int WRITE = 8;
    private static final int THREADS = 16;

    @Test
    void aBurstOfWritesGetsTheLimitThroughAndRetryAfterForTheRestWhileAnotherUserIsServed() throws Exception {
        Api admin = Api.at(port).from("127.0.0.11").signedInAs("rate-admin-1", "admin");
        Api otherAdmin = Api.at(port).from("127.0.0.11").signedInAs("rate-admin-2", "admin");

        var answers = burst(2 * WRITE, i -> admin.put("/api/v1/users/rate-target-" + i + "/role",
                Map.of("role", "companion")));

        assertThat(answers).noneMatch(answer -> answer.status() >= 500);
        assertThat(answers).filteredOn(answer -> answer.status() == 200).hasSize(WRITE);
        var limited = answers.stream().filter(answer -> answer.status() == 429).toList();
        assertThat(limited).hasSize(WRITE);
        assertThat(limited).allSatisfy(RateLimitIT::isRateLimited);
        // 8 per 10 minutes: the next token comes in 75 s at most
        assertThat(limited).allSatisfy(answer ->
                assertThat(Long.parseLong(answer.header("Retry-After"))).isBetween(1L, 75L));

        // the same user is still limited; another user, from the same address, is not; reads go on
        assertThat(admin.put("/api/v1/users/rate-target-x/role", Map.of("role", "companion")).status())
                .isEqualTo(429);
        assertThat(otherAdmin.put("/api/v1/users/rate-target-x/role", Map.of("role", "companion")).status())
                .isEqualTo(200);
        assertThat(admin.get("/api/v1/users/rate-target-x/role").status()).isEqualTo(200);
    }

    @Test
    void aBurstOfSignInsFromOneAddressIsLimitedAndAnotherAddressIsNot() throws Exception {
        Api client = Api.at(port).from("127.0.0.12");

        var answers = burst(2 * AUTH, i -> client.post("/api/v1/dev/tokens",
                Map.of("userId", "rate-member-" + i, "role", "member")));

        assertThat(answers).noneMatch(answer -> answer.status() >= 500);
        assertThat(answers).filteredOn(answer -> answer.status() == 201).hasSize(AUTH);
        assertThat(answers).filteredOn(answer -> answer.status() == 429).hasSize(AUTH)
                .allSatisfy(RateLimitIT::isRateLimited);

        assertThat(Api.at(port).from("127.0.0.13").post("/api/v1/dev/tokens",
                Map.of("userId", "rate-member-x", "role", "member")).status()).isEqualTo(201);
    }

    @Test
    void failedAuthenticationsSlowDownTheirAddressOnly() {
        Api guesser = Api.at(port).from("127.0.0.14");
        var statuses = new ArrayList<Integer>();
        for (int i = 0; i < 2 * AUTH; i++) {
            var answer = guesser.withToken("guess-" + i).get("/api/v1/users/rate-victim/role");
            statuses.add(answer.status());
            if (answer.status() == 429) {
                isRateLimited(answer);
            }
        }
        assertThat(statuses.subList(0, AUTH)).containsOnly(401);
        assertThat(statuses.subList(AUTH, 2 * AUTH)).containsOnly(429);

        // another address still gets an honest 401 for a bad token, and is served with a good one
        Api neighbour = Api.at(port).from("127.0.0.15");
        assertThat(neighbour.withToken("guess").get("/api/v1/users/rate-victim/role").status()).isEqualTo(401);
        assertThat(neighbour.signedInAs("rate-victim", "member").get("/api/v1/users/rate-victim/role").status())
                .isEqualTo(200);
    }

    @Test
    void webhooksAreNeverLimited() throws Exception {
        Api provider = Api.at(port).from("127.0.0.16");
        // no webhook route exists yet: each call is refused, but by the route rules, never by a limit
        var answers = burst(3 * AUTH, i -> provider.post("/api/v1/webhooks/payments", Map.of("event", i)));
        assertThat(answers).extracting(Api.Response::status).containsOnly(401);
    }

    /** Sends {@code count} requests from {@value #THREADS} threads released at once; returns every answer. */
    private static List<Api.Response> burst(int count, Function<Integer, Api.Response> request) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            var start = new CountDownLatch(1);
            var pending = new ArrayList<Future<Api.Response>>();
            for (int i = 0; i < count; i++) {
                int index = i;
                Callable<Api.Response> call = () -> {
                    start.await();
                    return request.apply(index);
                };
                pending.add(threads.submit(call));
            }
            start.countDown();
            var answers = new ArrayList<Api.Response>();
            for (var answer : pending) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }

    private static void isRateLimited(Api.Response answer) {
        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.code()).isEqualTo("RATE_LIMITED");
        assertThat(answer.header("Retry-After")).matches("[1-9][0-9]*");
    }
}
