package app.hearth.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/** A benchmark's own database: created fresh, always dropped, and the benchmark's exit code passed on. */
final class BenchDatabase {

    static final String SERVER = BenchSettings.text("bench.db.server", "127.0.0.1:5432");
    static final String USER = BenchSettings.text("bench.db.user", "postgres");

    /** What a benchmark runs on its database (named by its JDBC URL); returns the exit code. */
    interface Benchmark {
        int run(String url) throws Exception;
    }

    private BenchDatabase() {
    }

    /** Runs {@code benchmark} on a new database named after {@code prefix}, drops it, and exits with its code. */
    static void runAndExit(String prefix, Benchmark benchmark) {
        String database = prefix + "_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"))
                + "_" + ThreadLocalRandom.current().nextInt(1000, 10000);
        admin("create database " + database);
        int exit;
        try {
            exit = benchmark.run("jdbc:postgresql://" + SERVER + "/" + database);
        } catch (Throwable failure) {
            failure.printStackTrace();
            exit = 2;
        } finally {
            admin("drop database if exists " + database + " with (force)");
            System.out.println("# dropped database " + database);
        }
        System.exit(exit);
    }

    private static void admin(String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/postgres", USER, "");
             var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (Exception failure) {
            throw new IllegalStateException(sql, failure);
        }
    }
}
