package app.hearth.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.application.presence.ShiftPresence;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        startShift(companionId);
        RealtimeClient socket = RealtimeClient.withHeader(port, self.token());
        sockets.add(socket);
        socket.send("{\"type\":\"app\",\"state\":\"foreground\"}");
        awaitState(self, "AVAILABLE");
        return socket;
    }

    /** Starts a shift for the companion (the one place that does it until the shifts feature is on main). */
    public void startShift(String companionId) {
        // after shifts merge: plan and start a shift through the API
        context.getBean(ShiftPresence.class).shiftStarted(companionId, "fixture-shift-" + companionId,
                context.getBean(Clock.class).instant());
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
