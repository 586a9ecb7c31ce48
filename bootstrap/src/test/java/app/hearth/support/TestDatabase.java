package app.hearth.support;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One fresh PostgreSQL database per test JVM, on the real server at {@code hearth.test.db.server} (default
 * 127.0.0.1:5432, user postgres), created when first used; Flyway migrates it as the application starts, and
 * it is dropped when the JVM ends. Never an in-memory stand-in.
 */
public final class TestDatabase {

    public static final String SERVER = System.getProperty("hearth.test.db.server", "127.0.0.1:5432");
    public static final String USER = System.getProperty("hearth.test.db.user", "postgres");
    public static final String NAME = "hearth_test_"
            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")) + "_"
            + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
    public static final String URL = "jdbc:postgresql://" + SERVER + "/" + NAME;

    static {
        create(NAME);
    }

    private TestDatabase() {
    }

    /**
     * Another fresh database, for a test whose application context must not share state with the others (its
     * background work would act on their rows); dropped when the JVM ends like the first.
     */
    public static String another(String purpose) {
        String name = NAME + "_" + purpose;
        create(name);
        return "jdbc:postgresql://" + SERVER + "/" + name;
    }

    private static void create(String name) {
        execute("create database " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> execute("drop database if exists " + name
                + " with (force)"), "drop-test-database"));
    }

    private static void execute(String statementText) {
        try (var connection = DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/postgres", USER, "");
             var statement = connection.createStatement()) {
            statement.execute(statementText);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + statementText + "' on PostgreSQL at " + SERVER
                    + " (is it running?): " + e.getMessage(), e);
        }
    }
}
