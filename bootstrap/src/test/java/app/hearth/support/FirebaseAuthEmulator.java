package app.hearth.support;

import com.google.firebase.internal.FirebaseProcessEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Firebase Auth emulator (firebase-tools, a Node.js program) on free loopback ports, for one test class: it
 * issues real Firebase ID tokens of project {@value #PROJECT_ID} through the same REST API as Firebase Auth.
 * Started from a generated {@code firebase.json} in a temporary directory and stopped (with its temporary files)
 * by {@link #close()}.
 *
 * <p>firebase-admin talks to an emulator when {@code FIREBASE_AUTH_EMULATOR_HOST} is set. It reads that variable
 * through {@link FirebaseProcessEnvironment}, whose {@code setenv} overrides the process environment for this JVM;
 * the emulator's port is chosen at run time, so that is where it is set.
 *
 * <p>The test is skipped when Node.js is missing. firebase-tools is looked for at {@code
 * -Dhearth.test.firebase-tools}, else {@code $HEARTH_FIREBASE_TOOLS}, else where {@code .ci/run} installs it
 * ({@code ~/.cache/hearth/firebase-tools}); when Node.js is there but firebase-tools is not, the test fails and
 * says how to install it.
 */
public final class FirebaseAuthEmulator implements AutoCloseable {

    public static final String PROJECT_ID = "demo-hearth";
    public static final String VERSION = "15.34.2";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(45);

    /** A signed-in user: their Firebase uid and a fresh ID token. */
    public record SignedIn(String uid, String idToken) {
    }

    private final Process process;
    private final Path directory;
    private final String host;

    private FirebaseAuthEmulator(Process process, Path directory, String host) {
        this.process = process;
        this.directory = directory;
        this.host = host;
    }

    /** Starts the emulator and waits until it answers; skips the calling test when Node.js is missing. */
    public static FirebaseAuthEmulator start() {
        Assumptions.assumeTrue(onPath("node"), "Node.js is not installed: the Firebase Auth emulator (firebase-tools) "
                + "cannot run, so the end-to-end Firebase tests are skipped. CI has Node.js.");
        Path firebase = firebaseTools();
        if (!Files.isExecutable(firebase)) {
            throw new IllegalStateException("firebase-tools is not installed at " + firebase + ". Install it with: "
                    + "CI=true npm install --prefix \"$HOME/.cache/hearth/firebase-tools\" firebase-tools@" + VERSION
                    + " (bash .ci/run does that), or point -Dhearth.test.firebase-tools at its bin/firebase");
        }
        try {
            Path directory = Files.createTempDirectory("hearth-auth-emulator");
            int port = freePort();
            String config = """
                    {"emulators": {
                      "auth": {"host": "127.0.0.1", "port": %d},
                      "hub": {"host": "127.0.0.1", "port": %d},
                      "logging": {"host": "127.0.0.1", "port": %d},
                      "ui": {"enabled": false},
                      "singleProjectMode": true
                    }}
                    """.formatted(port, freePort(), freePort());
            Files.writeString(directory.resolve("firebase.json"), config);
            var command = new ProcessBuilder(firebase.toString(), "emulators:start", "--only", "auth",
                    "--project", PROJECT_ID)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("emulator.log").toFile());
            // no prompts, no update checks, and its settings in the temporary directory, not the user's
            command.environment().put("CI", "true");
            command.environment().put("XDG_CONFIG_HOME", directory.resolve("config").toString());
            var emulator = new FirebaseAuthEmulator(command.start(), directory, "127.0.0.1:" + port);
            emulator.awaitUp();
            FirebaseProcessEnvironment.setenv("FIREBASE_AUTH_EMULATOR_HOST", emulator.host);
            return emulator;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Firebase Auth emulator", e);
        }
    }

    public String host() {
        return host;
    }

    /** Creates a user with this uid, e-mail and password (as an administrator would). */
    public void createUser(String uid, String email, String password) {
        call("/identitytoolkit.googleapis.com/v1/projects/" + PROJECT_ID + "/accounts",
                Map.of("localId", uid, "email", email, "password", password), true);
    }

    /** Creates a user through the sign-up a client app makes, and returns the uid and ID token. */
    public SignedIn signUp(String email, String password) {
        JsonNode answer = call("/identitytoolkit.googleapis.com/v1/accounts:signUp?key=any",
                Map.of("email", email, "password", password, "returnSecureToken", true), false);
        return new SignedIn(answer.get("localId").asString(), answer.get("idToken").asString());
    }

    /** Signs in with e-mail and password, as a client app does, and returns a fresh ID token. */
    public SignedIn signIn(String email, String password) {
        JsonNode answer = call("/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=any",
                Map.of("email", email, "password", password, "returnSecureToken", true), false);
        return new SignedIn(answer.get("localId").asString(), answer.get("idToken").asString());
    }

    private JsonNode call(String path, Map<String, Object> body, boolean asAdministrator) {
        var request = HttpRequest.newBuilder(URI.create("http://" + host + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (asAdministrator) {
            // the emulator's stand-in for an administrator's credentials
            request.header("Authorization", "Bearer owner");
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the Auth emulator answered " + response.statusCode() + " to " + path
                        + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitUp() throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        var probe = HttpRequest.newBuilder(URI.create("http://" + host + "/")).timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                String log = Files.readString(directory.resolve("emulator.log"));
                close();
                throw new IllegalStateException("the Firebase Auth emulator stopped at start-up:\n" + log);
            }
            try {
                if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(250));
        }
        String log = Files.readString(directory.resolve("emulator.log"));
        close();
        throw new IllegalStateException("the Firebase Auth emulator did not answer within " + START_TIMEOUT
                + ":\n" + log);
    }

    /**
     * Stops the emulator (and any process it started) and removes its temporary files. firebase-admin is left
     * pointing at the stopped emulator: a late call from a context still closing fails on this machine instead
     * of reaching Google.
     */
    @Override
    public void close() {
        // later tests in this JVM (the FCM sender's own Firebase app) must not take the emulator's credentials
        FirebaseProcessEnvironment.clearCache();
        List<ProcessHandle> children = new ArrayList<>(process.descendants().toList());
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    private static Path firebaseTools() {
        String configured = System.getProperty("hearth.test.firebase-tools", System.getenv("HEARTH_FIREBASE_TOOLS"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "hearth", "firebase-tools", "node_modules", ".bin",
                "firebase");
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(java.io.File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
