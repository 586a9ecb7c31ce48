package app.hearth.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContext;

/**
 * Makes companions truly available (adr/0053: presence is derived, never set by hand): a started shift, an open
 * real-time connection whose app reports the foreground, and presence seen {@code AVAILABLE}. The connections stay
 * open until {@link #close()} (a test's whole duration): a companion whose connection closes is not available.
 */
public final class AvailableCompanions implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final ApplicationContext context;
    private final int port;
    private final List<RealtimeClient> sockets = java.util.Collections.synchronizedList(new ArrayList<>());

    public AvailableCompanions(ApplicationContext context, int port) {
        this.context = context;
        this.port = port;
    }

    /**
     * Makes {@code companionId} (an active companion; {@code self} signed in as them) available and returns their open
     * connection, which this closes with the others.
     */
    public RealtimeClient makeAvailable(Api self, String companionId) {
        startShift(self, companionId);
        RealtimeClient socket = RealtimeClient.withHeader(port, self.token());
        sockets.add(socket);
        socket.send("{\"type\":\"app\",\"state\":\"foreground\"}");
        awaitState(self, "AVAILABLE");
        return socket;
    }

    /**
     * Starts a shift for the companion through the API, as on a working day: an admin plans one from the next minutes
     * for 8 hours in the companion's time zone, and the companion starts it (at most 15 minutes early is allowed).
     * A companion already on a started shift keeps it. Returns the started shift's id.
     */
    public String startShift(Api self, String companionId) {
        var mine = self.get("/api/v1/me/shifts");
        assertThat(mine.status()).as(mine.raw().body()).isEqualTo(200);
        for (var shift : mine.body()) {
            if ("STARTED".equals(shift.get("status").asString())) {
                return shift.get("shiftId").asString();
            }
        }
        var profile = self.get("/api/v1/me/companion-profile");
        var zoneField = profile.status() == 200 ? profile.body().get("timeZone") : null;
        ZoneId zone = zoneField == null || zoneField.isNull() ? ZoneOffset.UTC : ZoneId.of(zoneField.asString());
        LocalDateTime start = LocalDateTime.ofInstant(context.getBean(Clock.class).instant(), zone)
                .truncatedTo(ChronoUnit.MINUTES).plusMinutes(2);
        Api admin = Api.at(port).signedInAs("available-companions-admin", "admin");
        var planned = admin.post("/api/v1/companions/" + companionId + "/shifts",
                Map.of("start", start.toString(), "end", start.plusHours(8).toString()));
        assertThat(planned.status()).as(planned.raw().body()).isEqualTo(201);
        String shiftId = planned.body().get("shiftId").asString();
        var started = self.post("/api/v1/me/shifts/" + shiftId + "/start", null);
        assertThat(started.status()).as(started.raw().body()).isIn(200, 201);
        return shiftId;
    }

    /**
     * Takes a companion off duty through the API, as they would: they stop their started shift (if any), and their
     * presence is {@code OFFLINE}; later tests' routing does not find them.
     */
    public void makeOffline(Api self) {
        var mine = self.get("/api/v1/me/shifts");
        assertThat(mine.status()).as(mine.raw().body()).isEqualTo(200);
        for (var shift : mine.body()) {
            if ("STARTED".equals(shift.get("status").asString())) {
                var stopped = self.post("/api/v1/me/shifts/" + shift.get("shiftId").asString() + "/stop", null);
                assertThat(stopped.status()).as(stopped.raw().body()).isIn(200, 201);
            }
        }
        awaitState(self, "OFFLINE");
    }

    /** Waits until the companion's own presence ({@code GET /api/v1/me/presence}) is {@code state}. */
    public static void awaitState(Api self, String state) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            var presence = self.get("/api/v1/me/presence");
            assertThat(presence.status()).as(presence.raw().body()).isEqualTo(200);
            assertThat(presence.body().get("state").asString()).as(presence.raw().body()).isEqualTo(state);
        });
    }

    @Override
    public void close() {
        synchronized (sockets) {
            sockets.forEach(RealtimeClient::close);
            sockets.clear();
        }
    }
}
