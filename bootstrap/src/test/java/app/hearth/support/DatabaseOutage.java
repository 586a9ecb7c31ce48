package app.hearth.support;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A database outage as the requests that need one table see it: the table is gone (renamed) until {@link #close()}
 * puts it back, for every node on the database, and every statement on it fails as a database failure does.
 * {@code try (var outage = DatabaseOutage.of(jdbc, "payment_inbox")) { ... }}
 */
public final class DatabaseOutage implements AutoCloseable {

    private final JdbcTemplate jdbc;
    private final String table;

    private DatabaseOutage(JdbcTemplate jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    /** Starts the outage: {@code table} is gone. */
    public static DatabaseOutage of(JdbcTemplate jdbc, String table) {
        jdbc.execute("alter table " + table + " rename to " + table + "_during_outage");
        return new DatabaseOutage(jdbc, table);
    }

    /** Ends it: the table is back as it was. */
    @Override
    public void close() {
        jdbc.execute("alter table " + table + "_during_outage rename to " + table);
    }
}
