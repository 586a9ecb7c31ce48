package app.hearth.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

/**
 * The chat benchmark's WebSocket clients: one JDK {@link WebSocket} per user, all on one {@link HttpClient} (one
 * selector thread) whose executor is the caller's small pool, so 2,000 sockets cost a handful of threads. Each
 * counts every frame it receives; in a {@code message} frame it reads {@code clientMessageId} — {@code <tag><n>},
 * tag {@code m} (closed loop), {@code o} (open loop, request n) or {@code s} (a conversation's opening message) — and
 * keeps the codes it received (to check exactly-once delivery), and during an open loop the time from request n's
 * due moment to the frame and, when the frame carries the server's {@code sentAt}, from that moment (stamped inside
 * the sending transaction, before its commit) to the frame.
 */
final class ChatSockets implements AutoCloseable {

    static final long TAG_CLOSED = 0;
    static final long TAG_OPEN = 1;
    static final long TAG_OPENING = 2;

    /** The open loop in progress: request n was due at {@code start + n x gap}; latencies per socket. */
    private record OpenRun(long start, double gapNanos, Latencies[] sendToClient, Latencies[] commitToClient) {
    }

    final LongAdder frames = new LongAdder();
    final LongAdder messageFrames = new LongAdder();
    final LongAdder closedByServer = new LongAdder();
    private final boolean keepCodes;
    private final boolean stamped;
    private final WebSocket[] sockets;
    private final Listener[] listeners;
    private volatile OpenRun run;
    /** The first {@code message} and {@code conversation} frames heard (templates for the bare broadcast). */
    volatile String firstMessageFrame;
    volatile String firstConversationFrame;

    /**
     * Opens {@code uris.size()} sockets (with {@code bearers.get(i)} as bearer token when not null); {@code keepCodes}:
     * remember every message code received; {@code stamped}: message frames carry the server's {@code sentAt}.
     */
    ChatSockets(HttpClient client, List<URI> uris, List<String> bearers, boolean keepCodes, boolean stamped) {
        this.keepCodes = keepCodes;
        this.stamped = stamped;
        this.sockets = new WebSocket[uris.size()];
        this.listeners = new Listener[uris.size()];
        var opening = new ArrayList<CompletableFuture<WebSocket>>();
        for (int i = 0; i < sockets.length; i++) {
            listeners[i] = new Listener(i);
            var builder = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20));
            if (bearers != null && bearers.get(i) != null) {
                builder.header("Authorization", "Bearer " + bearers.get(i));
            }
            opening.add(builder.buildAsync(uris.get(i), listeners[i]));
            if (opening.size() % 100 == 0) {
                CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).join();
            }
        }
        for (int i = 0; i < sockets.length; i++) {
            sockets[i] = opening.get(i).join();
        }
    }

    int size() {
        return sockets.length;
    }

    /** From now on, message frames with tag {@code o} count their latencies against this schedule. */
    void startOpen(long start, double gapNanos) {
        var send = new Latencies[sockets.length];
        var commit = new Latencies[sockets.length];
        for (int i = 0; i < send.length; i++) {
            send[i] = new Latencies(256);
            commit[i] = new Latencies(256);
        }
        run = new OpenRun(start, gapNanos, send, commit);
    }

    /** Ends the open loop: its latencies, send-to-client [0] and commit-to-client [1] (empty when not stamped). */
    Latencies[] stopOpen() {
        OpenRun ended = run;
        run = null;
        var send = new ArrayList<Latencies>();
        var commit = new ArrayList<Latencies>();
        for (int i = 0; i < sockets.length; i++) {
            synchronized (listeners[i]) {
                send.add(ended.sendToClient()[i]);
                commit.add(ended.commitToClient()[i]);
            }
        }
        return new Latencies[] {Latencies.merge(send), Latencies.merge(commit)};
    }

    /** The message codes socket {@code i} received, sorted ({@code tag << 56 | n}); duplicates stay. */
    long[] received(int i) {
        Listener listener = listeners[i];
        synchronized (listener) {
            long[] codes = Arrays.copyOf(listener.codes, listener.size);
            Arrays.sort(codes);
            return codes;
        }
    }

    static long code(char tag, long n) {
        long t = switch (tag) {
            case 'm' -> TAG_CLOSED;
            case 'o' -> TAG_OPEN;
            case 's' -> TAG_OPENING;
            default -> 3;
        };
        return t << 56 | n;
    }

    @Override
    public void close() {
        for (WebSocket socket : sockets) {
            if (socket != null) {
                socket.abort();
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final int index;
        private final StringBuilder partial = new StringBuilder();
        private long[] codes = new long[64];
        private int size;

        Listener(int index) {
            this.index = index;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            if (!last || !partial.isEmpty()) {
                partial.append(data);
            }
            if (last) {
                String text = partial.isEmpty() ? data.toString() : partial.toString();
                partial.setLength(0);
                frames.increment();
                if (text.startsWith("{\"type\":\"message\"")) {
                    if (firstMessageFrame == null) {
                        firstMessageFrame = text;
                    }
                    message(text, now);
                } else if (firstConversationFrame == null && text.startsWith("{\"type\":\"conversation\"")) {
                    firstConversationFrame = text;
                }
            }
            socket.request(1);
            return null;
        }

        private void message(String text, long now) {
            messageFrames.increment();
            int at = text.indexOf("\"clientMessageId\":\"");
            if (at < 0) {
                return;
            }
            int from = at + 19;
            int to = text.indexOf('"', from);
            char tag = text.charAt(from);
            long n = Long.parseLong(text, from + 1, to, 10);
            synchronized (this) {
                if (keepCodes) {
                    if (size == codes.length) {
                        codes = Arrays.copyOf(codes, size * 2);
                    }
                    codes[size++] = code(tag, n);
                }
                OpenRun current = run;
                if (current != null && tag == 'o') {
                    long due = current.start() + (long) (n * current.gapNanos());
                    current.sendToClient()[index].add(now - due);
                    if (stamped) {
                        int sent = text.indexOf("\"sentAt\":\"");
                        if (sent >= 0) {
                            Instant sentAt = Instant.parse(text.substring(sent + 10, text.indexOf('"', sent + 10)));
                            Instant arrived = Instant.now();
                            long nanos = Duration.between(sentAt, arrived).toNanos();
                            current.commitToClient()[index].add(Math.max(0, nanos));
                        }
                    }
                }
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closedByServer.increment();
            Harness.note("socket " + index + " closed by the server: " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closedByServer.increment();
            Harness.note("socket " + index + " failed: " + error);
        }
    }
}
