package app.hearth.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * Heartbeats over the participants' real-time WebSockets ({@code {"type":"heartbeat","callId":...,"seq":n}}), one
 * connection per participant opened with their own token, open loop like the REST runs: request n is due at
 * {@code start + n / rate}, and its latency is the time from then to its answer (matched by {@code seq}).
 */
final class SocketBeats implements AutoCloseable {

    /** What one connection heard during one run: answers as (second << 40 | latency nanos), and refusals. */
    private static final class Heard {
        long[] answers = new long[64];
        int size;
        long refused;

        synchronized void add(long second, long latency) {
            if (size == answers.length) {
                answers = Arrays.copyOf(answers, size * 2);
            }
            answers[size++] = second << 40 | Math.min(latency, (1L << 40) - 1);
        }
    }

    /** The schedule of the run in progress, read by every connection's listener. */
    private record Run(long start, double gapNanos, Heard[] heard) {
    }

    private final List<String[]> calls;
    private final WebSocket[] sockets;
    private volatile Run run;

    /** Opens one connection per participant ({@code calls}: member token, companion token, call id). */
    SocketBeats(int port, List<String[]> calls) throws Exception {
        this.calls = calls;
        this.sockets = new WebSocket[2 * calls.size()];
        var http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        var opening = new ArrayList<CompletableFuture<WebSocket>>();
        for (int participant = 0; participant < sockets.length; participant++) {
            String[] call = calls.get(participant / 2);
            String token = participant % 2 == 0 ? call[0] : call[1];
            int index = participant;
            opening.add(http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create("ws://localhost:" + port + "/api/v1/realtime"), new Listener(index)));
            if (opening.size() % 200 == 0) {
                CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).join();
            }
        }
        for (int i = 0; i < sockets.length; i++) {
            sockets[i] = opening.get(i).join();
        }
    }

    /**
     * Open loop at {@code rate} heartbeats per second for {@code seconds}; participants of the calls in {@code
     * silentMembers} (the member side) send nothing.
     */
    HeartbeatBenchmark.Result beat(int rate, double seconds, List<Integer> silentMembers) throws Exception {
        long start = System.nanoTime() + 50_000_000L;
        long end = start + (long) (seconds * 1e9);
        double gapNanos = 1e9 / rate;
        var heard = new Heard[sockets.length];
        for (int i = 0; i < heard.length; i++) {
            heard[i] = new Heard();
        }
        run = new Run(start, gapNanos, heard);
        var sent = new LongAdder();
        var failedToSend = new LongAdder();
        var silent = new HashSet<>(silentMembers);
        OpenLoop.run(start, end, gapNanos, sender -> (n, due) -> {
            int participant = (int) (n % sockets.length);
            if (participant % 2 == 0 && silent.contains(participant / 2)) {
                return;
            }
            WebSocket socket = sockets[participant];
            String message = "{\"type\":\"heartbeat\",\"callId\":\"" + calls.get(participant / 2)[2] + "\",\"seq\":"
                    + n + "}";
            try {
                synchronized (socket) { // one send at a time per connection
                    socket.sendText(message, true).join();
                }
                sent.increment();
            } catch (RuntimeException failure) {
                failedToSend.increment();
            }
        });
        // the answers still on their way
        long patience = System.nanoTime() + 5_000_000_000L;
        while (answered(heard) < sent.sum() && System.nanoTime() < patience) {
            Thread.sleep(20);
        }
        double elapsed = Math.max(seconds, (System.nanoTime() - start) / 1e9 - 0.0);
        int secondsCount = (int) Math.ceil(seconds);
        var all = new Latencies(4096);
        var bySecond = new Latencies[secondsCount];
        for (int k = 0; k < secondsCount; k++) {
            bySecond[k] = new Latencies(256);
        }
        long answered = 0;
        long refused = 0;
        for (Heard h : heard) {
            synchronized (h) {
                for (int i = 0; i < h.size; i++) {
                    long latency = h.answers[i] & ((1L << 40) - 1);
                    int second = (int) Math.min(secondsCount - 1, h.answers[i] >>> 40);
                    all.add(latency);
                    bySecond[second].add(latency);
                }
                answered += h.size;
                refused += h.refused;
            }
        }
        double[] p99BySecond = new double[secondsCount];
        for (int k = 0; k < secondsCount; k++) {
            p99BySecond[k] = Latencies.merge(List.of(bySecond[k])).percentileMillis(99);
        }
        long unanswered = sent.sum() - answered;
        return new HeartbeatBenchmark.Result(answered / Math.max(elapsed, seconds),
                Latencies.merge(List.of(all)), failedToSend.sum() + unanswered + refused, p99BySecond);
    }

    private static long answered(Heard[] heard) {
        long sum = 0;
        for (Heard h : heard) {
            synchronized (h) {
                sum += h.size;
            }
        }
        return sum;
    }

    @Override
    public void close() {
        for (WebSocket socket : sockets) {
            if (socket != null) {
                socket.abort();
            }
        }
    }

    /** Matches each answer to its request by {@code seq}: the due time is {@code start + seq x gap}. */
    private final class Listener implements WebSocket.Listener {
        private final int index;
        private final StringBuilder partial = new StringBuilder();

        Listener(int index) {
            this.index = index;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                Run current = run;
                int at = text.indexOf("\"seq\":");
                if (current != null && at >= 0 && text.startsWith("{\"type\":\"heartbeat\"")) {
                    int from = at + 6;
                    int to = from;
                    while (to < text.length() && Character.isDigit(text.charAt(to))) {
                        to++;
                    }
                    long seq = Long.parseLong(text, from, to, 10);
                    long due = current.start() + (long) (seq * current.gapNanos());
                    Heard heard = current.heard()[index];
                    heard.add(Math.max(0, (due - current.start()) / 1_000_000_000L), now - due);
                    if (!text.contains("\"ok\":true")) {
                        synchronized (heard) {
                            heard.refused++;
                        }
                    }
                }
            }
            socket.request(1);
            return null;
        }
    }
}
