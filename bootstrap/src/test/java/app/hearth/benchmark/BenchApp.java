package app.hearth.benchmark;

import app.hearth.bootstrap.HearthApplication;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Hearth started in-process for a benchmark (profile {@code local}, its web server on a random port) on the
 * benchmark's database, and one monitoring connection for the benchmark's own queries.
 */
final class BenchApp implements AutoCloseable {

    final ConfigurableApplicationContext context;
    final String url;
    final int poolSize;
    private final Connection monitor;

    private BenchApp(ConfigurableApplicationContext context, String url) throws SQLException {
        this.context = context;
        this.url = url;
        this.poolSize = context.getBean(DataSource.class).unwrap(HikariDataSource.class).getMaximumPoolSize();
        this.monitor = DriverManager.getConnection(url, BenchDatabase.USER, "");
    }

    /** Starts Hearth on {@code url} with the benchmark's own {@code --name=value} arguments after the common ones. */
    static BenchApp start(String url, String... arguments) throws SQLException {
        return start(url, new Class<?>[0], arguments);
    }

    /**
     * The same with more sources beside Hearth's (the benchmark's own beans, e.g. {@link BareBroadcast}); the
     * classes carry no stereotype, so the tests' component scan of {@code app.hearth} never picks them up.
     */
    static BenchApp start(String url, Class<?>[] sources, String... arguments) throws SQLException {
        long started = System.nanoTime();
        var application = new SpringApplication(HearthApplication.class);
        application.addPrimarySources(List.of(sources));
        application.setBannerMode(Banner.Mode.OFF);
        var args = new ArrayList<>(List.of("--spring.profiles.active=local", "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + BenchDatabase.USER, "--server.port=0",
                "--hearth.database.create-if-missing=false", "--hearth.rate-limits.enabled=false",
                "--logging.level.root=WARN"));
        args.addAll(List.of(arguments));
        var app = new BenchApp(application.run(args.toArray(String[]::new)), url);
        Harness.note(String.format(Locale.ROOT, "Hearth started in %.1f s on %s, hikari_pool=%d synchronous_commit=%s",
                (System.nanoTime() - started) / 1e9, url, app.poolSize, app.queryText("show synchronous_commit")));
        return app;
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    long queryLong(String sql) throws SQLException {
        synchronized (monitor) {
            try (var statement = monitor.createStatement(); var rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    String queryText(String sql) throws SQLException {
        synchronized (monitor) {
            try (var statement = monitor.createStatement(); var rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    void execute(String sql) throws SQLException {
        synchronized (monitor) {
            try (var statement = monitor.createStatement()) {
                statement.execute(sql);
            }
        }
    }

    Connection monitor() {
        return monitor;
    }

    /**
     * Polls {@code seen} (every 2 ms) until it reaches {@code target}; answers the moment (nanoTime) it did, or fails
     * after {@code timeoutSeconds} naming {@code what}.
     */
    static long await(String what, LongSupplier seen, long target, double timeoutSeconds) {
        long deadline = System.nanoTime() + (long) (timeoutSeconds * 1e9);
        while (true) {
            long value = seen.getAsLong();
            long now = System.nanoTime();
            if (value >= target) {
                return now;
            }
            if (now > deadline) {
                throw new IllegalStateException(what + " is stuck at " + value + " of " + target);
            }
            LockSupport.parkNanos(2_000_000);
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            monitor.close();
        } finally {
            context.close();
        }
    }
}
