package app.hearth.presence;

import static app.hearth.support.AvailableCompanions.awaitState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.application.money.wallet.WalletCommandBus;
import app.hearth.domain.money.wallet.WalletCommand;
import app.hearth.support.Api;
import app.hearth.support.AvailableCompanions;
import app.hearth.support.IntegrationTest;
import app.hearth.support.RealtimeClient;
import app.hearth.support.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

/**
 * Presence derived from facts (adr/0053), over HTTP and the real-time WebSocket, on a {@link TestClock} (the 2 minutes
 * before away pass at once): a started shift, a connection whose app reports the foreground, breaks, calls and the
 * conversation capacity; the live board and its frames, held to a supervisor's team.
 */
@ContextConfiguration(initializers = TestClock.Initializer.class)
@DirtiesContext
class PresenceIT extends IntegrationTest {

    static final TestClock CLOCK = TestClock.INSTANCE;
    static final Duration PATIENCE = Duration.ofSeconds(20);
    static final String FOREGROUND = "{\"type\":\"app\",\"state\":\"foreground\"}";
    static final String BACKGROUND = "{\"type\":\"app\",\"state\":\"background\"}";

    final String run = UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    ApplicationContext context;


    @Autowired
    WalletCommandBus wallets;

    AvailableCompanions available;
    final List<RealtimeClient> sockets = new ArrayList<>();

    @BeforeEach
    void fixture() {
        available = new AvailableCompanions(context, port);
    }

    @AfterEach
    void close() {
        available.close();
        sockets.forEach(RealtimeClient::close);
    }

    String id(String name) {
        return name + "-" + run;
    }

    /** An active companion (invited, profile saved), in {@code teamId} when not null; their client. */
    Api companion(String companionId) {
        Api admin = as("admin", "presence-admin");
        assertThat(admin.post("/api/v1/companions", Map.of("userId", companionId, "displayName", "C " + companionId))
                .status()).isEqualTo(201);
        Api self = as("companion", companionId);
        var saved = self.put("/api/v1/me/companion-profile", Map.of("displayName", "C " + companionId,
                "bio", "Happy to talk", "languages", List.of("en"), "gender", "female", "birthYear", 1970,
                "skills", List.of("listening"), "yearsOfExperience", 5, "timeZone", "Europe/London"));
        assertThat(saved.status()).as(saved.raw().body()).isEqualTo(200);
        return self;
    }

    Api member(String memberId, long tokens) {
        Api api = as("member", memberId);
        var profile = new HashMap<String, Object>();
        profile.put("displayName", "Member " + memberId);
        profile.put("birthYear", 1948);
        profile.put("languages", List.of("en"));
        profile.put("timeZone", "Europe/London");
        assertThat(api.put("/api/v1/me/profile", profile).status()).isIn(200, 201);
        wallets.send(new WalletCommand.GrantTokens(memberId, "grant-" + memberId, tokens, "presence test",
                "admin:test", CLOCK.instant()));
        return api;
    }

    RealtimeClient connect(Api self) {
        var socket = RealtimeClient.withHeader(port, self.token());
        sockets.add(socket);
        return socket;
    }

    static JsonNode presence(Api self) {
        return self.get("/api/v1/me/presence").body();
    }

    static List<String> reasons(JsonNode presence) {
        var all = new ArrayList<String>();
        presence.get("reasons").forEach(reason -> all.add(reason.asString()));
        return all;
    }

    @Test
    void availableExactlyOnAShiftWithAConnectionInTheForegroundAwayAfterTwoMinutesWithout() {
        String ada = id("ada");
        Api self = companion(ada);
        JsonNode before = presence(self);
        assertThat(before.get("state").asString()).isEqualTo("OFFLINE");
        assertThat(reasons(before)).contains("NOT_ON_SHIFT");
        assertThat(self.put("/api/v1/me/availability", Map.of("available", true)).code())
                .isEqualTo("AVAILABILITY_IS_DERIVED");

        String shiftId = available.startShift(self, ada);
        JsonNode onShift = presence(self);
        assertThat(onShift.get("state").asString()).as("the first minutes without the app: busy, never available")
                .isEqualTo("BUSY");
        assertThat(reasons(onShift)).containsExactly("NOT_CONNECTED");

        var socket = connect(self);
        await().atMost(PATIENCE).until(() -> reasons(presence(self)).equals(List.of("IN_BACKGROUND")));
        assertThat(presence(self).get("state").asString()).as("connected, no report yet").isEqualTo("BUSY");
        socket.send(FOREGROUND);
        awaitState(self, "AVAILABLE");
        JsonNode availableNow = presence(self);
        assertThat(reasons(availableNow)).isEmpty();
        assertThat(availableNow.get("facts").get("connected").asBoolean()).isTrue();
        assertThat(availableNow.get("facts").get("foreground").asBoolean()).isTrue();
        assertThat(availableNow.get("since").isNull()).isFalse();

        socket.send(BACKGROUND);
        awaitState(self, "BUSY");
        CLOCK.advance(Duration.ofSeconds(119));
        assertThat(presence(self).get("state").asString()).isEqualTo("BUSY");
        CLOCK.advance(Duration.ofSeconds(1));
        awaitState(self, "AWAY"); // the sweeper wakes it at its due time
        socket.send(FOREGROUND);
        awaitState(self, "AVAILABLE");

        socket.close();
        awaitState(self, "BUSY");
        assertThat(reasons(presence(self))).containsExactly("NOT_CONNECTED");
        CLOCK.advance(Duration.ofMinutes(2));
        awaitState(self, "AWAY");

        var again = connect(self);
        again.send(FOREGROUND);
        awaitState(self, "AVAILABLE");

        assertThat(self.post("/api/v1/me/shifts/" + shiftId + "/break-start", null).status()).isIn(200, 201);
        awaitState(self, "ON_BREAK");
        assertThat(reasons(presence(self))).containsExactly("ON_BREAK");
        assertThat(self.post("/api/v1/me/shifts/" + shiftId + "/break-end", null).status()).isIn(200, 201);
        awaitState(self, "AVAILABLE");
        assertThat(self.post("/api/v1/me/shifts/" + shiftId + "/stop", null).status()).isIn(200, 201);
        awaitState(self, "OFFLINE");

        var changes = jdbc.queryForList("SELECT state FROM companion_presence_change WHERE companion_id = ? "
                + "ORDER BY position", String.class, ada);
        assertThat(changes).containsExactly("BUSY", "AVAILABLE", "BUSY", "AWAY", "AVAILABLE", "BUSY", "AWAY",
                "AVAILABLE", "ON_BREAK", "AVAILABLE", "OFFLINE");
    }

    @Test
    void aCompanionInACallIsBusyAndAvailableAgainOnceItEnds() {
        String bea = id("bea");
        Api self = companion(bea);
        available.makeAvailable(self, bea);
        Api member = member(id("m-call"), 1000);
        String callId = id("call");
        var rung = member.post("/api/v1/calls", Map.of("callId", callId, "companionId", bea, "kind", "audio"));
        assertThat(rung.status()).as(rung.raw().body()).isEqualTo(201);
        awaitState(self, "BUSY");
        assertThat(reasons(presence(self))).containsExactly("IN_CALL");
        assertThat(presence(self).get("facts").get("callId").asString()).isEqualTo(callId);
        assertThat(member.get("/api/v1/companions/" + bea).body().get("availableNow").asBoolean()).isFalse();

        assertThat(self.post("/api/v1/calls/" + callId + "/decline", null).status()).isEqualTo(200);
        awaitState(self, "AVAILABLE");
        assertThat(member.get("/api/v1/companions/" + bea).body().get("availableNow").asBoolean()).isTrue();
    }

    @Test
    void fiveUnansweredConversationsMakeACompanionBusyAnAnswerFreesThem() {
        String cat = id("cat");
        Api self = companion(cat);
        available.makeAvailable(self, cat);
        String firstConversation = null;
        for (int i = 1; i <= 5; i++) {
            var sent = member(id("m-chat-" + i), 100).post("/api/v1/companions/" + cat + "/messages",
                    Map.of("clientMessageId", "c" + i, "text", "Hello " + i));
            assertThat(sent.status()).as(sent.raw().body()).isIn(200, 201);
            if (i == 1) {
                firstConversation = sent.body().get("conversationId").asString();
            }
            if (i < 5) {
                assertThat(presence(self).get("facts").get("openConversations").asInt()).isEqualTo(i);
                assertThat(presence(self).get("state").asString()).isEqualTo("AVAILABLE");
            }
        }
        awaitState(self, "BUSY");
        assertThat(reasons(presence(self))).containsExactly("AT_CAPACITY");

        var answer = self.post("/api/v1/conversations/" + firstConversation + "/messages",
                Map.of("clientMessageId", "r1", "text", "Hello to you"));
        assertThat(answer.status()).as(answer.raw().body()).isIn(200, 201);
        awaitState(self, "AVAILABLE");
        assertThat(presence(self).get("facts").get("openConversations").asInt()).isEqualTo(4);

    }

    @Test
    void staffSeePresenceChangesLiveAndOnTheBoardASupervisorOnlyTheirTeams() {
        Api admin = as("admin", id("board-admin"));
        String supervisorId = id("board-sup");
        Api supervisor = as("supervisor", supervisorId);
        String mine = id("mine");
        String theirs = id("theirs");
        Api mineSelf = companion(mine);
        Api theirsSelf = companion(theirs);
        var team = admin.post("/api/v1/teams", Map.of("name", "presence team " + run));
        String teamId = team.body().get("teamId").asString();
        assertThat(admin.put("/api/v1/teams/" + teamId + "/supervisor", Map.of("supervisorId", supervisorId))
                .status()).isEqualTo(200);
        assertThat(admin.put("/api/v1/companions/" + mine + "/team", Map.of("teamId", teamId)).status())
                .isEqualTo(200);
        long start = supervisor.get("/api/v1/admin/presence").body().get("position").asLong();

        var adminSocket = connect(admin);
        var supervisorSocket = connect(supervisor);
        available.makeAvailable(mineSelf, mine);
        available.makeAvailable(theirsSelf, theirs);

        assertThat(framesFor(adminSocket, mine, "AVAILABLE")).isTrue();
        assertThat(framesFor(adminSocket, theirs, "AVAILABLE")).isTrue();
        assertThat(framesFor(supervisorSocket, mine, "AVAILABLE")).isTrue();
        assertThat(supervisorSocket.drain().stream().filter(frame -> "presence".equals(frame.get("type")
                .asString())).map(frame -> frame.get("companionId").asString())).doesNotContain(theirs);

        var board = supervisor.get("/api/v1/admin/presence");
        assertThat(board.status()).as(board.raw().body()).isEqualTo(200);
        var listed = new ArrayList<String>();
        board.body().get("companions").forEach(row -> listed.add(row.get("companionId").asString()));
        assertThat(listed).contains(mine).doesNotContain(theirs);
        board.body().get("companions").forEach(row -> {
            if (row.get("companionId").asString().equals(mine)) {
                assertThat(row.get("state").asString()).isEqualTo("AVAILABLE");
            }
        });
        var adminBoard = admin.get("/api/v1/admin/presence?limit=1000").body().get("companions").toString();
        assertThat(adminBoard).contains(mine).contains(theirs);

        await().atMost(PATIENCE).untilAsserted(() -> {
            var changes = supervisor.get("/api/v1/admin/presence?after=" + start).body();
            var states = new ArrayList<String>();
            changes.get("changes").forEach(change -> {
                assertThat(change.get("companionId").asString()).isNotEqualTo(theirs);
                if (change.get("companionId").asString().equals(mine)) {
                    states.add(change.get("state").asString());
                }
            });
            assertThat(states).containsExactly("BUSY", "AVAILABLE");
            assertThat(changes.get("position").asLong()).isGreaterThan(start);
        });
        assertThat(supervisor.get("/api/v1/admin/presence?after=-1").code()).isEqualTo("PRESENCE_POSITION_INVALID");
        assertThat(as("companion", mine).get("/api/v1/admin/presence").status()).isEqualTo(403);
        assertThat(as("member", id("nobody")).get("/api/v1/me/presence").status()).isEqualTo(403);
    }

    /** Whether {@code socket} gets a presence frame of {@code companionId} in {@code state}. */
    static boolean framesFor(RealtimeClient socket, String companionId, String state) {
        long until = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < until) {
            JsonNode frame = socket.next(Duration.ofMillis(500));
            if (frame != null && "presence".equals(frame.path("type").asString(null))
                    && companionId.equals(frame.get("companionId").asString())
                    && state.equals(frame.get("state").asString())) {
                assertThat(frame.get("position").asLong()).isPositive();
                return true;
            }
        }
        return false;
    }
}
