package app.hearth.support;

import app.hearth.bootstrap.HearthApplication;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Hearth node a test starts itself, besides (or instead of) the shared one of {@link IntegrationTest}: on this
 * run's database or {@linkplain TestDatabase#another another}, without a web server unless asked, its log at warn.
 * Configure it, then {@link #start()} it in this JVM (again after {@link #close()} for a restart) or
 * {@link #startInOwnJvm(Path)}; as a JUnit extension ({@code @RegisterExtension static}) it runs for a whole class.
 */
public final class HearthNode implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    private final String database;
    private final List<String> arguments = new ArrayList<>();
    private final List<ApplicationContextInitializer<?>> initializers = new ArrayList<>();
    private boolean webServer;
    private ConfigurableApplicationContext context;

    private HearthNode(String database) {
        this.database = database;
    }

    /** A node on this run's database, the one {@link IntegrationTest}'s node uses. */
    public static HearthNode onTestDatabase() {
        return new HearthNode(TestDatabase.URL);
    }

    /** A node on the database at {@code url}. */
    public static HearthNode on(String url) {
        return new HearthNode(url);
    }

    /** With a web server of its own on a random port ({@link #port()}). */
    public HearthNode withWebServer() {
        webServer = true;
        return this;
    }

    /** With the rate limits of {@link IntegrationTest}'s node: so high that no test is throttled. */
    public HearthNode unthrottled() {
        return with("--hearth.rate-limits.auth.capacity=1000000", "--hearth.rate-limits.write.capacity=1000000",
                "--hearth.rate-limits.read.capacity=1000000");
    }

    /** With these command-line arguments besides the database, the banner and the log level. */
    public HearthNode with(String... more) {
        arguments.addAll(List.of(more));
        return this;
    }

    /** With these initializers of its application context (a test clock, a probe bean); in this JVM only. */
    public HearthNode with(ApplicationContextInitializer<?>... more) {
        initializers.addAll(List.of(more));
        return this;
    }

    /** Starts it in this JVM and returns it. */
    public HearthNode start() {
        if (context != null) {
            throw new IllegalStateException("the node is running");
        }
        SpringApplication application = webServer
                ? new SpringApplication(HearthApplication.class) : HearthApplication.commandLine();
        initializers.forEach(application::addInitializers);
        context = application.run(commandLine(webServer ? "--server.port=0" : null).toArray(String[]::new));
        return this;
    }

    /**
     * Starts it in a JVM of its own (the same class path, at most 512 MB of heap), its output in {@code log}; the
     * caller ends the process. It names the local profile, which the nodes in this JVM get from the build.
     */
    public Process startInOwnJvm(Path log) throws IOException {
        if (!initializers.isEmpty()) {
            throw new IllegalStateException("initializers cannot reach a JVM of its own");
        }
        var command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), HearthApplication.class.getName()));
        command.add("--spring.profiles.active=local");
        command.addAll(commandLine(webServer ? "--server.port=0" : "--spring.main.web-application-type=none"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private List<String> commandLine(String server) {
        var line = new ArrayList<String>();
        if (server != null && arguments.stream().noneMatch(argument -> argument.startsWith("--server.port="))) {
            line.add(server);
        }
        line.addAll(List.of("--spring.datasource.url=" + database, "--spring.main.banner-mode=off",
                "--logging.level.root=warn"));
        line.addAll(arguments);
        return line;
    }

    /** The running node's application context. */
    public ConfigurableApplicationContext context() {
        if (context == null) {
            throw new IllegalStateException("the node is not running");
        }
        return context;
    }

    /** The running node's bean of that type. */
    public <T> T bean(Class<T> type) {
        return context().getBean(type);
    }

    /** The running node's HTTP port. */
    public int port() {
        return context().getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    /** An HTTP client for the running node, with no token. */
    public Api api() {
        return Api.at(port());
    }

    /** Stops it, if it runs. */
    @Override
    public void close() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    @Override
    public void beforeAll(ExtensionContext extension) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext extension) {
        close();
    }
}
