package app.hearth.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real WebSocket client of {@code /api/v1/realtime} for tests (the JDK's {@link WebSocket}): it collects the JSON
 * messages the server sends and how the connection closed. The JDK client answers the server's pings by itself.
 */
public final class RealtimeClient implements AutoCloseable {

    public static final String PATH = "/api/v1/realtime";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** How a connection attempt ended: open ({@code client}), or refused with an HTTP status. */
    public record Attempt(RealtimeClient client, int refusedWith) {
        public RealtimeClient orThrow() {
            if (client == null) {
                throw new IllegalStateException("the WebSocket handshake was refused with " + refusedWith);
            }
            return client;
        }
    }

    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket socket;

    private RealtimeClient() {
    }

    /** Opens a connection with the token in the {@code Authorization} header; fails when it is refused. */
    public static RealtimeClient withHeader(int port, String token) {
        return open(port, token, null).orThrow();
    }

    /** Opens a connection with the token in the {@code access_token} query parameter, as a browser would. */
    public static RealtimeClient withQueryToken(int port, String token) {
        return open(port, null, token).orThrow();
    }

    /** Tries a handshake with a header token and/or a query token (either may be null). */
    public static Attempt open(int port, String headerToken, String queryToken) {
        var client = new RealtimeClient();
        String query = queryToken == null ? ""
                : "?access_token=" + URLEncoder.encode(queryToken, StandardCharsets.UTF_8);
        var builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (headerToken != null) {
            builder.header("Authorization", "Bearer " + headerToken);
        }
        try {
            client.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + PATH + query),
                    client.new Listener()).get(15, TimeUnit.SECONDS);
            return new Attempt(client, 0);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return new Attempt(null, refused.getResponse().statusCode());
            }
            throw new IllegalStateException("the WebSocket handshake failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the WebSocket handshake took too long", e);
        }
    }

    /** The next message within {@code patience}, or null. */
    public JsonNode next(Duration patience) {
        try {
            return messages.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every message received so far and not yet taken. */
    public List<JsonNode> drain() {
        var all = new ArrayList<JsonNode>();
        messages.drainTo(all);
        return all;
    }

    /** The close code within {@code patience}, or null while the connection is still open. */
    public Integer closeCode(Duration patience) {
        try {
            return closed.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(ignored -> null);
        }
        if (socket != null) {
            socket.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
