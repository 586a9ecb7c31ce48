package app.hearth.benchmark;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Limit (d) of design/benchmarks.md: a naive SQL balance debit. In one transaction: lock the balance row ({@code
 * select ... for update}), insert the ledger row (idempotent on the movement id: a retry inserts nothing and changes
 * nothing), update the balance; a debit the balance cannot pay is refused and rolled back. Tables {@code
 * bench_wallet} and {@code bench_wallet_movement} are shaped like {@code wallet} and {@code wallet_movement} (plus the
 * unique movement id a retry needs), on the benchmark's database, through a pool of the application's size.
 */
final class NaiveDebitLimit implements AutoCloseable {

    /** What a debit did. */
    enum Outcome { DEBITED, ALREADY_RECORDED, REFUSED }

    private final HikariDataSource pool;

    NaiveDebitLimit(String url, String user, int poolSize) throws SQLException {
        pool = new HikariDataSource();
        pool.setPoolName("bench-naive-debit");
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setMaximumPoolSize(poolSize);
        pool.setAutoCommit(false);
        try (var connection = pool.getConnection(); var statement = connection.createStatement()) {
            statement.execute("create table bench_wallet (member_id varchar(128) not null, version varchar(16) not null,"
                    + " token_balance bigint not null, moment_balance bigint not null, movement_count bigint not null,"
                    + " opened_at timestamp with time zone not null, updated_at timestamp with time zone not null,"
                    + " constraint bench_wallet_pk primary key (member_id))");
            statement.execute("create table bench_wallet_movement (member_id varchar(128) not null,"
                    + " position bigint not null, movement_id varchar(600) not null, kind varchar(32) not null,"
                    + " unit varchar(16) not null, amount bigint not null, balance_after bigint not null,"
                    + " reference varchar(600), occurred_at timestamp with time zone not null,"
                    + " constraint bench_wallet_movement_pk primary key (member_id, position),"
                    + " constraint bench_wallet_movement_wallet_fk foreign key (member_id) references bench_wallet (member_id),"
                    + " constraint bench_wallet_movement_id_uk unique (member_id, movement_id))");
            connection.commit();
        }
    }

    /** Opens a wallet holding {@code tokens} granted tokens (movement 1). */
    void open(String memberId, long tokens) throws SQLException {
        try (var connection = pool.getConnection()) {
            try (var wallet = connection.prepareStatement("insert into bench_wallet values (?, 'V1_TOKENS', ?, 0, 1,"
                    + " now(), now())");
                 var movement = connection.prepareStatement("insert into bench_wallet_movement values (?, 1, ?,"
                         + " 'TOKENS_GRANTED', 'TOKENS', ?, ?, 'grant', now())")) {
                wallet.setString(1, memberId);
                wallet.setLong(2, tokens);
                wallet.executeUpdate();
                movement.setString(1, memberId);
                movement.setString(2, "grant:" + memberId);
                movement.setLong(3, tokens);
                movement.setLong(4, tokens);
                movement.executeUpdate();
            }
            connection.commit();
        }
    }

    /** Debits {@code amount} tokens from {@code memberId}'s balance as movement {@code movementId}. */
    Outcome debit(String memberId, String movementId, String kind, long amount) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            try (var lock = connection.prepareStatement("select token_balance, movement_count from bench_wallet"
                    + " where member_id = ? for update");
                 var insert = connection.prepareStatement("insert into bench_wallet_movement (member_id, position,"
                         + " movement_id, kind, unit, amount, balance_after, reference, occurred_at)"
                         + " values (?, ?, ?, ?, 'TOKENS', ?, ?, ?, now()) on conflict (member_id, movement_id) do nothing");
                 var update = connection.prepareStatement("update bench_wallet set token_balance = ?,"
                         + " movement_count = ?, updated_at = now() where member_id = ?")) {
                lock.setString(1, memberId);
                long balance;
                long count;
                try (var rows = lock.executeQuery()) {
                    if (!rows.next()) {
                        throw new IllegalStateException("no bench wallet " + memberId);
                    }
                    balance = rows.getLong(1);
                    count = rows.getLong(2);
                }
                insert.setString(1, memberId);
                insert.setLong(2, count + 1);
                insert.setString(3, movementId);
                insert.setString(4, kind);
                insert.setLong(5, -amount);
                insert.setLong(6, balance - amount);
                insert.setString(7, movementId);
                if (insert.executeUpdate() == 0) {
                    connection.rollback();
                    return Outcome.ALREADY_RECORDED;
                }
                if (balance < amount) {
                    connection.rollback();
                    return Outcome.REFUSED;
                }
                update.setLong(1, balance - amount);
                update.setLong(2, count + 1);
                update.setString(3, memberId);
                update.executeUpdate();
                connection.commit();
                return Outcome.DEBITED;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Wallets whose balance is not what their granted tokens minus their ledger's debits leave, or below zero. */
    long inconsistentWallets(Connection monitor) throws SQLException {
        try (var statement = monitor.createStatement(); var rows = statement.executeQuery("select count(*) from"
                + " bench_wallet w where w.token_balance < 0 or w.token_balance <> (select sum(m.amount) from"
                + " bench_wallet_movement m where m.member_id = w.member_id) or w.movement_count <> (select count(*)"
                + " from bench_wallet_movement m where m.member_id = w.member_id)")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
