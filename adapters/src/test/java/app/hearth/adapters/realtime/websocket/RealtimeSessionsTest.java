package app.hearth.adapters.realtime.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * The connection registry with stand-ins for Spring's WebSocket sessions (the container's side, not one of our
 * ports): a slow client never blocks a delivery, messages to one connection keep their order, and connections that
 * fall behind, expire or go quiet are closed with their codes.
 */
class RealtimeSessionsTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private final AtomicLong nanos = new AtomicLong();
    private final RealtimeSessions sessions = new RealtimeSessions(new RealtimeSessions.Limits(Duration.ofMillis(200),
            1_000, Duration.ofSeconds(25), Duration.ofSeconds(75), Duration.ofSeconds(5)),
            Clock.fixed(NOW, ZoneOffset.UTC), nanos::get, null);

    @Test
    void everyConnectionOfTheUserGetsTheMessageAndNobodyElse() {
        var phone = new FakeSession();
        var tablet = new FakeSession();
        var other = new FakeSession();
        sessions.opened(phone, "ada", NOW.plusSeconds(60));
        sessions.opened(tablet, "ada", null);
        sessions.opened(other, "bob", NOW.plusSeconds(60));

        assertThat(sessions.deliver("ada", "{\"type\":\"incoming\"}")).isEqualTo(2);
        assertThat(sessions.deliver("nobody", "{}")).isZero();

        await().atMost(Duration.ofSeconds(2)).until(() -> phone.texts().size() == 1 && tablet.texts().size() == 1);
        assertThat(phone.texts()).containsExactly("{\"type\":\"incoming\"}");
        assertThat(other.sent).isEmpty();
        assertThat(sessions.connections("ada")).isEqualTo(2);
        assertThat(sessions.connections()).isEqualTo(3);

        sessions.closed(phone);
        assertThat(sessions.connections("ada")).isEqualTo(1);
    }

    @Test
    void aSlowClientNeverBlocksTheSenderAndItsMessagesKeepTheirOrder() throws Exception {
        var slow = new FakeSession();
        slow.block = new CountDownLatch(1);
        var fast = new FakeSession();
        sessions.opened(slow, "ada", null);
        sessions.opened(fast, "bob", null);

        long started = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            sessions.deliver("ada", "m" + i);
            sessions.deliver("bob", "m" + i);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(150));
        await().atMost(Duration.ofSeconds(2)).until(() -> fast.texts().size() == 5);
        assertThat(slow.texts()).isEmpty();

        slow.block.countDown();
        await().atMost(Duration.ofSeconds(2)).until(() -> slow.texts().size() == 5);
        assertThat(slow.texts()).containsExactly("m0", "m1", "m2", "m3", "m4");
        assertThat(fast.texts()).containsExactly("m0", "m1", "m2", "m3", "m4");
    }

    @Test
    void aConnectionThatFallsBehindItsBufferLimitIsClosedAsNotReliable() {
        var slow = new FakeSession();
        slow.block = new CountDownLatch(1);
        sessions.opened(slow, "ada", null);
        String hundredBytes = "x".repeat(100);
        for (int i = 0; i < 20; i++) {
            sessions.deliver("ada", hundredBytes);
        }
        await().atMost(Duration.ofSeconds(2)).until(() -> slow.closedWith.get() != null);
        assertThat(slow.closedWith.get().getCode()).isEqualTo(CloseStatus.SESSION_NOT_RELIABLE.getCode());
        assertThat(sessions.connections("ada")).isZero();
        slow.block.countDown();
    }

    @Test
    void aSendStuckLongerThanTheSendTimeLimitIsClosedByTheSweep() throws Exception {
        var stuck = new FakeSession();
        stuck.block = new CountDownLatch(1);
        sessions.opened(stuck, "ada", null);
        sessions.deliver("ada", "m");
        await().atMost(Duration.ofSeconds(2)).until(() -> stuck.sending.getCount() == 0);
        sessions.sweep();
        assertThat(stuck.closedWith.get()).isNull();

        Thread.sleep(300);
        sessions.sweep();
        await().atMost(Duration.ofSeconds(2)).until(() -> stuck.closedWith.get() != null);
        assertThat(stuck.closedWith.get().getCode()).isEqualTo(CloseStatus.SESSION_NOT_RELIABLE.getCode());
        stuck.block.countDown();
    }

    @Test
    void aConnectionWhoseTokenExpiredIsClosedWith4401InsteadOfGettingTheMessage() {
        var expired = new FakeSession();
        var valid = new FakeSession();
        sessions.opened(expired, "ada", NOW);
        sessions.opened(valid, "ada", NOW.plusSeconds(1));

        assertThat(sessions.deliver("ada", "m")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(2)).until(() -> expired.closedWith.get() != null);
        assertThat(expired.closedWith.get()).isEqualTo(RealtimeSessions.TOKEN_EXPIRED);
        assertThat(expired.sent).isEmpty();
        await().atMost(Duration.ofSeconds(2)).until(() -> valid.texts().size() == 1);

        var sweptLater = new FakeSession();
        sessions.opened(sweptLater, "bob", NOW.minusSeconds(1));
        sessions.sweep();
        await().atMost(Duration.ofSeconds(2)).until(() -> sweptLater.closedWith.get() != null);
        assertThat(sweptLater.closedWith.get()).isEqualTo(RealtimeSessions.TOKEN_EXPIRED);
    }

    @Test
    void connectionsArePingedAndClosedWhenNothingIsHeardForTheIdleTimeout() {
        var lively = new FakeSession();
        var quiet = new FakeSession();
        sessions.opened(lively, "ada", null);
        sessions.opened(quiet, "bob", null);

        nanos.addAndGet(Duration.ofSeconds(25).toNanos());
        sessions.sweep();
        await().atMost(Duration.ofSeconds(2)).until(() -> lively.sent.size() == 1 && quiet.sent.size() == 1);
        assertThat(lively.sent.getFirst()).isInstanceOf(PingMessage.class);

        nanos.addAndGet(Duration.ofSeconds(25).toNanos());
        sessions.heard(lively);
        nanos.addAndGet(Duration.ofSeconds(26).toNanos());
        sessions.sweep();
        await().atMost(Duration.ofSeconds(2)).until(() -> quiet.closedWith.get() != null);
        assertThat(quiet.closedWith.get()).isEqualTo(RealtimeSessions.IDLE);
        assertThat(lively.closedWith.get()).isNull();
        assertThat(sessions.connections("ada")).isEqualTo(1);
    }

    @Test
    void stoppingTellsEveryClientToReconnect() {
        var client = new FakeSession();
        sessions.start();
        sessions.opened(client, "ada", null);
        sessions.stop();
        await().atMost(Duration.ofSeconds(2)).until(() -> client.closedWith.get() != null);
        assertThat(client.closedWith.get().getCode()).isEqualTo(CloseStatus.SERVICE_RESTARTED.getCode());
    }

    /** A container session that records what it is sent; {@code block} holds every send until counted down. */
    static final class FakeSession implements WebSocketSession {
        final String id = UUID.randomUUID().toString();
        final List<WebSocketMessage<?>> sent = new CopyOnWriteArrayList<>();
        final AtomicReference<CloseStatus> closedWith = new AtomicReference<>();
        final CountDownLatch sending = new CountDownLatch(1);
        volatile CountDownLatch block;

        List<String> texts() {
            return sent.stream().filter(TextMessage.class::isInstance).map(m -> ((TextMessage) m).getPayload())
                    .toList();
        }

        @Override
        public void sendMessage(WebSocketMessage<?> message) {
            sending.countDown();
            CountDownLatch gate = block;
            if (gate != null) {
                try {
                    gate.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            sent.add(message);
        }

        @Override
        public void close(CloseStatus status) {
            closedWith.compareAndSet(null, status);
        }

        @Override
        public void close() {
            close(CloseStatus.NORMAL);
        }

        @Override
        public boolean isOpen() {
            return closedWith.get() == null;
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public URI getUri() {
            return URI.create("ws://localhost/api/v1/realtime");
        }

        @Override
        public HttpHeaders getHandshakeHeaders() {
            return new HttpHeaders();
        }

        @Override
        public Map<String, Object> getAttributes() {
            return new ConcurrentHashMap<>();
        }

        @Override
        public Principal getPrincipal() {
            return null;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return null;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return null;
        }

        @Override
        public String getAcceptedProtocol() {
            return null;
        }

        @Override
        public void setTextMessageSizeLimit(int messageSizeLimit) {
        }

        @Override
        public int getTextMessageSizeLimit() {
            return 0;
        }

        @Override
        public void setBinaryMessageSizeLimit(int messageSizeLimit) {
        }

        @Override
        public int getBinaryMessageSizeLimit() {
            return 0;
        }

        @Override
        public List<WebSocketExtension> getExtensions() {
            return List.of();
        }
    }
}
