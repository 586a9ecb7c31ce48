package app.hearth.routing;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.application.money.wallet.WalletCommandBus;
import app.hearth.domain.money.wallet.WalletCommand;
import app.hearth.support.Api;
import app.hearth.support.AvailableCompanions;
import app.hearth.support.IntegrationTest;
import app.hearth.support.TestClock;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Routing tests on a {@link TestClock}, in a context of their own (the dispatcher and the deadline poller must not
 * outlive the class). Each test speaks a language of its own, so that the companions other tests left available are
 * never candidates.
 */
@ContextConfiguration(initializers = TestClock.Initializer.class)
@DirtiesContext
abstract class RoutingIntegrationTest extends IntegrationTest {

    protected static final TestClock CLOCK = TestClock.INSTANCE;
    protected final String run = UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    protected WalletCommandBus wallets;

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

    /** This context serves the waiting queue (the others leave it: {@link IntegrationTest}). */
    @DynamicPropertySource
    static void dispatcher(DynamicPropertyRegistry registry) {
        registry.add("hearth.routing.dispatcher.enabled", () -> "true");
    }

    protected String id(String name) {
        return name + "-" + run;
    }

    /** A member (V1, 100 tokens) who speaks {@code language} and has {@code interests}. */
    protected Api member(String memberId, String language, List<String> interests) {
        Api api = as("member", memberId);
        var profile = new HashMap<String, Object>();
        profile.put("displayName", "Member " + memberId);
        profile.put("birthYear", 1948);
        profile.put("languages", List.of(language));
        profile.put("timeZone", "Europe/London");
        profile.put("interests", interests);
        var saved = api.put("/api/v1/me/profile", profile);
        assertThat(saved.status()).as(saved.raw().body()).isIn(200, 201);
        wallets.send(new WalletCommand.GrantTokens(memberId, "grant-" + memberId, 100, "routing test", "admin:test",
                CLOCK.instant()));
        return api;
    }

    /** An active companion who speaks {@code language} with {@code skills}, not yet available. */
    protected Api companion(String companionId, String language, List<String> skills) {
        Api admin = as("admin", "routing-admin");
        assertThat(admin.post("/api/v1/companions", Map.of("userId", companionId, "displayName", "C " + companionId))
                .status()).isEqualTo(201);
        Api self = as("companion", companionId);
        var saved = self.put("/api/v1/me/companion-profile", Map.of("displayName", "C " + companionId,
                "bio", "Happy to talk", "languages", List.of(language), "gender", "female", "birthYear", 1970,
                "skills", skills, "yearsOfExperience", 5, "timeZone", "Europe/London"));
        assertThat(saved.status()).as(saved.raw().body()).isEqualTo(200);
        return self;
    }

    /** Makes the companion truly available: a started shift, a connection in the foreground (adr/0053). */
    protected void available(String companionId) {
        available.makeAvailable(as("companion", companionId), companionId);
    }

    /** The companions stop their shifts: offline, so that later tests' routing does not find them. */
    protected void offline(String... companions) {
        for (String companion : companions) {
            available.makeOffline(as("companion", companion));
        }
    }

    protected Api.Response callAnyone(Api member, String callId) {
        return member.post("/api/v1/calls", Map.of("callId", callId, "companionId", "any", "kind", "audio"));
    }
}
