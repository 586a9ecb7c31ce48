package app.hearth.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.support.Api;
import app.hearth.support.AvailableCompanions;
import app.hearth.support.HearthNode;
import app.hearth.support.RealtimeClient;
import app.hearth.support.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Presence across nodes (adr/0053), on a database of its own: a companion's connection moves from node B to node A
 * and they stay available throughout (no change of state is even logged); then node A dies (killed, its heartbeat made
 * 61 s old as if a minute had passed) and node B finds the connection gone with its node: the companion is away
 * ({@code hearth.presence.away-after} is 3 s here, counted from A's last heartbeat).
 */
class PresenceAcrossNodesIT {

    static final String DATABASE = TestDatabase.another("presence_nodes");
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String FOREGROUND = "{\"type\":\"app\",\"state\":\"foreground\"}";
    static final String[] PRESENCE = {"--hearth.presence.away-after=PT3S", "--hearth.presence.sweep-interval=PT0.2S"};

    static HearthNode nodeB;
    static Process nodeA;
    static int portA;

    @BeforeAll
    static void startBoth() throws IOException {
        nodeB = HearthNode.on(DATABASE).withWebServer().unthrottled().with(PRESENCE).start();
        try (var socket = new ServerSocket(0)) {
            portA = socket.getLocalPort();
        }
        Path log = Path.of("target", "PresenceAcrossNodesIT-node-a.log");
        nodeA = HearthNode.on(DATABASE).withWebServer().unthrottled().with("--server.port=" + portA,
                "--logging.level.app.hearth.bootstrap=info", PRESENCE[0], PRESENCE[1]).startInOwnJvm(log);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(nodeA.isAlive()).as("node A is running (see %s)", log.toAbsolutePath()).isTrue();
            return Files.exists(log) && Files.readString(log).contains("Started HearthApplication");
        });
    }

    @AfterAll
    static void stopBoth() throws InterruptedException {
        if (nodeA != null && nodeA.isAlive()) {
            nodeA.destroyForcibly();
            nodeA.waitFor(30, TimeUnit.SECONDS);
        }
        if (nodeB != null) {
            nodeB.close();
        }
    }

    static JdbcTemplate jdbc() {
        return new JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(DATABASE,
                TestDatabase.USER, ""));
    }

    static String state(Api self) {
        return self.get("/api/v1/me/presence").body().get("state").asString();
    }

    @Test
    void aConnectionMovingBetweenNodesStaysAvailableAndANodeThatDiesTakesItsConnectionsWithIt() throws Exception {
        String companionId = "moving-" + UUID.randomUUID().toString().substring(0, 8);
        Api adminOnB = Api.at(nodeB.port()).signedInAs("presence-nodes-admin", "admin");
        assertThat(adminOnB.post("/api/v1/companions", Map.of("userId", companionId, "displayName", "Mover"))
                .status()).isEqualTo(201);
        Api onB = Api.at(nodeB.port()).signedInAs(companionId, "companion");
        assertThat(onB.put("/api/v1/me/companion-profile", Map.of("displayName", "Mover", "bio", "Hi",
                "languages", List.of("en"), "gender", "female", "birthYear", 1970, "skills", List.of("listening"),
                "yearsOfExperience", 5, "timeZone", "Europe/London")).status()).isEqualTo(200);
        var start = java.time.LocalDateTime.now(java.time.ZoneId.of("Europe/London"))
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusMinutes(2);
        var planned = adminOnB.post("/api/v1/companions/" + companionId + "/shifts",
                Map.of("start", start.toString(), "end", start.plusHours(8).toString()));
        assertThat(planned.status()).as(planned.raw().body()).isEqualTo(201);
        assertThat(onB.post("/api/v1/me/shifts/" + planned.body().get("shiftId").asString() + "/start", null)
                .status()).isIn(200, 201);

        var socketB = RealtimeClient.withHeader(nodeB.port(), onB.token());
        socketB.send(FOREGROUND);
        AvailableCompanions.awaitState(onB, "AVAILABLE");
        JdbcTemplate jdbc = jdbc();
        int changesBefore = changes(jdbc, companionId);

        // the phone moves to node A: the new connection opens and reports before the old one closes
        Api onA = Api.at(portA).signedInAs(companionId, "companion");
        var socketA = RealtimeClient.withHeader(portA, onA.token());
        socketA.send(FOREGROUND);
        String nodeIdA = awaitConnectionMoved(jdbc, companionId);
        socketB.close();
        long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < until) {
            assertThat(state(onB)).as("available throughout the move").isEqualTo("AVAILABLE");
            Thread.sleep(100);
        }
        assertThat(changes(jdbc, companionId)).as("no change of state logged").isEqualTo(changesBefore);
        assertThat(connectionNode(jdbc, companionId)).isEqualTo(nodeIdA);

        // node A dies with the connection: killed, then its heartbeat as old as a minute without it makes it
        nodeA.destroyForcibly();
        assertThat(nodeA.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(state(onB)).as("believed until its node counts as gone").isEqualTo("AVAILABLE");
        jdbc.update("UPDATE realtime_node SET heartbeat_at = now() - interval '61 seconds' WHERE node_id = ?",
                nodeIdA);
        await().atMost(PATIENCE).until(() -> state(onB).equals("AWAY"));
        var presence = onB.get("/api/v1/me/presence").body();
        assertThat(presence.get("facts").get("connected").asBoolean()).isFalse();
        assertThat(connectionNode(jdbc, companionId)).isNull();
        socketA.close();

        // back on node B: available again
        var again = RealtimeClient.withHeader(nodeB.port(), onB.token());
        again.send(FOREGROUND);
        AvailableCompanions.awaitState(onB, "AVAILABLE");
        again.close();
    }

    static int changes(JdbcTemplate jdbc, String companionId) {
        return jdbc.queryForObject("SELECT count(*) FROM companion_presence_change WHERE companion_id = ?",
                Integer.class, companionId);
    }

    static String connectionNode(JdbcTemplate jdbc, String companionId) {
        return jdbc.queryForObject("SELECT connection_node FROM companion_presence WHERE companion_id = ?",
                String.class, companionId);
    }

    /** Waits until the companion's connection is recorded on another node than now; that node. */
    static String awaitConnectionMoved(JdbcTemplate jdbc, String companionId) {
        String nodeB = connectionNode(jdbc, companionId);
        await().atMost(PATIENCE).until(() -> {
            String now = connectionNode(jdbc, companionId);
            return now != null && !now.equals(nodeB);
        });
        return connectionNode(jdbc, companionId);
    }
}
