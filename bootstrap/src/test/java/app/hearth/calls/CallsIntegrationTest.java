package app.hearth.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.application.calls.CallStates;
import app.hearth.application.money.wallet.WalletCommandBus;
import app.hearth.domain.calls.CallSession;
import app.hearth.domain.money.wallet.WalletCommand;
import app.hearth.support.Api;
import app.hearth.support.AvailableCompanions;
import app.hearth.support.IntegrationTest;
import app.hearth.support.TestClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * Calls tests: the whole application on a {@link TestClock}, in a context of its own that is closed after each test
 * class (its watchdog and deadline poller must not outlive the class and act in other tests' nodes), with helpers for
 * members with a balance and available companions.
 */
@ContextConfiguration(initializers = TestClock.Initializer.class)
@DirtiesContext
public abstract class CallsIntegrationTest extends IntegrationTest {

    protected static final TestClock CLOCK = TestClock.INSTANCE;
    protected final String run = UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    protected WalletCommandBus wallets;

    @Autowired
    protected CallStates calls;

    protected String id(String name) {
        return name + "-" + run;
    }

    /** A registered member (V1 tokens) with {@code tokens} granted; their client. */
    protected Api member(String memberId, long tokens) {
        Api api = as("member", memberId);
        var profile = new HashMap<String, Object>();
        profile.put("displayName", "Member " + memberId);
        profile.put("birthYear", 1948);
        profile.put("languages", List.of("en"));
        profile.put("timeZone", "Europe/London");
        var saved = api.put("/api/v1/me/profile", profile);
        assertThat(saved.status()).as(saved.raw().body()).isIn(200, 201);
        if (tokens > 0) {
            wallets.send(new WalletCommand.GrantTokens(memberId, "grant-" + memberId, tokens, "calls test",
                    "admin:test", CLOCK.instant()));
        }
        return api;
    }

    @Autowired
    protected ApplicationContext context;

    /** The companions made available by this test; their connections closed after it. */
    protected AvailableCompanions available;

    @BeforeEach
    void availableCompanions() {
        available = new AvailableCompanions(context, port);
    }

    @AfterEach
    void closeCompanionConnections() {
        available.close();
    }

    /**
     * An active companion who is truly available (a started shift, an open connection in the foreground: presence
     * AVAILABLE, adr/0053) until the test ends; their client.
     */
    protected Api availableCompanion(String companionId) {
        Api admin = as("admin", "calls-admin");
        assertThat(admin.post("/api/v1/companions", Map.of("userId", companionId, "displayName", "C " + companionId))
                .status()).isEqualTo(201);
        Api self = as("companion", companionId);
        var saved = self.put("/api/v1/me/companion-profile", Map.of("displayName", "C " + companionId,
                "bio", "Happy to talk", "languages", List.of("en"), "gender", "female", "birthYear", 1970,
                "skills", List.of("listening"), "yearsOfExperience", 5, "timeZone", "Europe/London"));
        assertThat(saved.status()).as(saved.raw().body()).isEqualTo(200);
        available.makeAvailable(self, companionId);
        return self;
    }

    protected Api.Response call(Api member, String callId, String companionId, String kind) {
        return member.post("/api/v1/calls", Map.of("callId", callId, "companionId", companionId, "kind", kind));
    }

    /** The member's token balance as the wallet read model shows it; -1 while it has no row yet. */
    protected long tokenBalance(String memberId) {
        var balances = jdbc.queryForList("SELECT token_balance FROM wallet WHERE member_id = ?", Long.class, memberId);
        return balances.isEmpty() ? -1 : balances.getFirst();
    }

    protected CallSession.Ended awaitEnded(String callId) {
        return awaitEnded(callId, Duration.ofSeconds(15));
    }

    protected CallSession.Ended awaitEnded(String callId, Duration patience) {
        await().atMost(patience).pollInterval(Duration.ofMillis(100))
                .until(() -> calls.state(callId) instanceof CallSession.Ended);
        return (CallSession.Ended) calls.state(callId);
    }

    /** Rings, is accepted and connects (both heartbeat once); returns the call id. */
    protected String connectedCall(Api member, Api companion, String companionId, String callId) {
        var rung = call(member, callId, companionId, "audio");
        assertThat(rung.status()).as(rung.raw().body()).isEqualTo(201);
        var accepted = companion.post("/api/v1/calls/" + callId + "/accept", null);
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(200);
        assertThat(member.post("/api/v1/calls/" + callId + "/heartbeats", null).status()).isEqualTo(204);
        assertThat(companion.post("/api/v1/calls/" + callId + "/heartbeats", null).status()).isEqualTo(204);
        assertThat(calls.state(callId)).isInstanceOf(CallSession.Connected.class);
        return callId;
    }

    /** Both sides heartbeat every 10 s of the test clock for {@code seconds}. */
    protected void talk(Api member, Api companion, String callId, int seconds) {
        for (int s = 0; s < seconds; s += 10) {
            CLOCK.advance(Duration.ofSeconds(10));
            assertThat(member.post("/api/v1/calls/" + callId + "/heartbeats", null).status()).isEqualTo(204);
            assertThat(companion.post("/api/v1/calls/" + callId + "/heartbeats", null).status()).isEqualTo(204);
        }
    }
}
