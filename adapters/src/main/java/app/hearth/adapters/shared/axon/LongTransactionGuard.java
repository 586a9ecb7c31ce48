package app.hearth.adapters.shared.axon;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Ends every database transaction that has written to the event table for longer than
 * {@code hearth.event-store.longest-transaction}, on whichever node it runs, so that an event appended by it can
 * never become visible after the processors have given up its gap (ADR 0024). PostgreSQL 15 has no
 * {@code transaction_timeout}: its {@code idle_in_transaction_session_timeout} ends a transaction that sits idle
 * (also when every node is gone), and this guard, run by every node, ends one that keeps working. A terminated
 * transaction rolls back, so its gap is a hole for good and giving it up is right.
 */
public class LongTransactionGuard {

    private static final Logger log = LoggerFactory.getLogger(LongTransactionGuard.class);

    /** Sessions of this database in a transaction older than the limit that hold a write lock on the event table. */
    static final String TOO_OLD = """
            select a.pid, floor(extract(epoch from now() - a.xact_start))::bigint as seconds,
                   coalesce(a.application_name, '') as application, coalesce(a.state, '') as state
              from pg_stat_activity a
             where a.datname = current_database()
               and a.pid <> pg_backend_pid()
               and a.xact_start < now() - make_interval(secs => ?)
               and exists (select 1 from pg_locks l
                            where l.pid = a.pid and l.locktype = 'relation' and l.granted
                              and l.relation = 'domain_event_entry'::regclass and l.mode = 'RowExclusiveLock')
            """;

    private final JdbcTemplate jdbc;
    private final Duration longest;

    public LongTransactionGuard(JdbcTemplate jdbc, Duration longest) {
        this.jdbc = jdbc;
        this.longest = longest;
    }

    /**
     * Refuses to start when pooled connections do not end idle transactions within the longest transaction: a node
     * frozen in the middle of a transaction would otherwise keep its gap open for as long as it stays frozen.
     */
    public void checkIdleTransactionTimeout() {
        Long idleMillis = jdbc.queryForObject("select setting::bigint from pg_settings"
                + " where name = 'idle_in_transaction_session_timeout'", Long.class);
        if (idleMillis == null || idleMillis <= 0 || idleMillis > longest.toMillis()) {
            throw new IllegalStateException("idle_in_transaction_session_timeout is " + idleMillis + " ms on Hearth's"
                    + " connections; it must be set, and at most hearth.event-store.longest-transaction (" + longest
                    + "), e.g. spring.datasource.hikari.connection-init-sql: SET idle_in_transaction_session_timeout"
                    + " = '" + longest.toSeconds() + "s'");
        }
    }

    /** One pass: ends the transactions that outlived the limit and answers how many. */
    @Scheduled(fixedDelayString = "${hearth.event-store.guard-interval:PT10S}",
            initialDelayString = "${hearth.event-store.guard-interval:PT10S}")
    public int endTransactionsOlderThanTheLimit() {
        try {
            List<TooOld> tooOld = jdbc.query(TOO_OLD, (row, i) -> new TooOld(row.getInt("pid"),
                    row.getLong("seconds"), row.getString("application"), row.getString("state")),
                    (double) longest.toMillis() / 1000);
            int ended = 0;
            for (TooOld transaction : tooOld) {
                Boolean terminated = jdbc.queryForObject("select pg_terminate_backend(?)", Boolean.class,
                        transaction.pid());
                if (Boolean.TRUE.equals(terminated)) {
                    ended++;
                    log.warn("ended database session {} ({}, {}): its transaction wrote events and was open for {} s,"
                            + " longer than hearth.event-store.longest-transaction {}; it rolls back",
                            transaction.pid(), transaction.application(), transaction.state(), transaction.seconds(),
                            longest);
                }
            }
            return ended;
        } catch (RuntimeException failed) {
            log.warn("long transaction guard pass failed; the next pass retries: {}", failed.getMessage());
            return 0;
        }
    }

    private record TooOld(int pid, long seconds, String application, String state) {
    }
}
