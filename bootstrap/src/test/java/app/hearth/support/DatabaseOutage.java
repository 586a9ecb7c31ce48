package app.hearth.support;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A database outage as the requests that need one table see it: the table is gone (renamed) until {@link #close()}
 * puts it back, for every node on the database, and every statement on it fails as a database failure does.
 * {@code try (var outage = DatabaseOutage.of(jdbc, "payment_inbox")) { ... }}
 */
public final class DatabaseOutage implements AutoCloseable {

    private final Runnable end;

    private DatabaseOutage(Runnable end) {
        this.end = end;
    }

    /** Starts the outage: {@code table} is gone. */
    public static DatabaseOutage of(JdbcTemplate jdbc, String table) {
        String away = table + "_during_outage";
        jdbc.execute("alter table " + table + " rename to " + away);
        return new DatabaseOutage(() -> jdbc.execute("alter table " + away + " rename to " + table));
    }

    /** Ends it: the table is back as it was. */
    @Override
    public void close() {
        end.run();
    }
}
