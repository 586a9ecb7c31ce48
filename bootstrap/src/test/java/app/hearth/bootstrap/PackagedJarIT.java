package app.hearth.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.support.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The jar the build packages ({@code bootstrap/target/hearth.jar}), started as an operator starts it: its own JVM,
 * its own (runtime) class path, no test settings. The tests' class path holds more than the application's (test
 * libraries, and any dependency a test-scoped declaration narrowed away from runtime), so only this shows that the
 * application itself starts: a jar that fails with {@code NoClassDefFoundError} fails here.
 */
class PackagedJarIT {

    private static final Path JAR = Path.of("target", "hearth.jar");

    @Test
    void theBuiltJarStartsInTheLocalProfileAndAnswers() throws Exception {
        assertThat(JAR).as("the jar is packaged before the integration tests run").exists();
        String database = TestDatabase.another("packaged_jar");
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-Xmx512m",
                "-jar", JAR.toString(), "--spring.profiles.active=local", "--server.port=" + port,
                "--spring.datasource.url=" + database).redirectErrorStream(true).start();
        List<String> output = new CopyOnWriteArrayList<>();
        CompletableFuture.runAsync(() -> new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)).lines().forEach(output::add));
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (output.stream().noneMatch(line -> line.contains("Hearth is up"))) {
                assertThat(process.isAlive()).as("the jar stopped:%n%s", String.join("\n", output)).isTrue();
                assertThat(System.nanoTime()).as("not up after 3 minutes:%n%s", String.join("\n", output))
                        .isLessThan(deadline);
                Thread.sleep(200);
            }
            var http = HttpClient.newHttpClient();
            // health reads the processors, the database and the nodes' records: on a loaded machine a part may still
            // be starting when the log says up, so it has 30 s to answer 200
            long healthy = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            HttpResponse<String> health;
            do {
                health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() != 200) {
                    Thread.sleep(500);
                }
            } while (health.statusCode() != 200 && System.nanoTime() < healthy);
            assertThat(health.statusCode()).as("%s%n%s", health.body(), String.join("\n", output)).isEqualTo(200);
            assertThat(health.body()).contains("\"UP\"");
            var token = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/dev/tokens")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"jar-admin\",\"role\":\"admin\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
            assertThat(token.body()).contains("\"token\"");
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
