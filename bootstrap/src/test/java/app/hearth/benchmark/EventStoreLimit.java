package app.hearth.benchmark;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Limit (a) of design/benchmarks.md: one event per durable transaction, a plain JDBC single-row INSERT into {@code
 * bench_raw_event_entry}, a table shaped like {@code domain_event_entry} (same columns, keys and index), through a
 * pool of the application's size, on the benchmark's database. Rows copy a real stored event of the run (its type,
 * payload and metadata) and spread over {@code aggregates} streams like the benchmark's own: client {@code k} of
 * {@code c} appends to streams {@code k, k+c, k+2c, ...} round robin, each with its next sequence number. Event ids are
 * random UUIDs, as Axon's default ({@code -Dbench.rawIds=time} uses time-ordered ones, UUIDv7-like).
 */
final class EventStoreLimit implements AutoCloseable {

    static final String TABLE = "bench_raw_event_entry";
    private static final String INSERT = "insert into " + TABLE + " (aggregate_identifier, sequence_number, type,"
            + " event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final boolean TIME_IDS = "time".equals(BenchSettings.text("bench.rawIds", "random"));

    private final HikariDataSource pool;
    private final String[] streams;
    private final AtomicLong[] sequences;
    private String type;
    private String payloadType;
    private String payloadRevision;
    private byte[] payload;
    private byte[] metaData;

    EventStoreLimit(String url, String user, int poolSize, int aggregates) throws SQLException {
        pool = new HikariDataSource();
        pool.setPoolName("bench-raw");
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setMaximumPoolSize(poolSize);
        pool.setAutoCommit(true); // one row, one durable transaction
        streams = new String[aggregates];
        sequences = new AtomicLong[aggregates];
        for (int i = 0; i < aggregates; i++) {
            streams[i] = String.format(Locale.ROOT, "raw-%05d", i);
            sequences[i] = new AtomicLong();
        }
        try (var connection = pool.getConnection(); var statement = connection.createStatement()) {
            statement.execute("create table if not exists " + TABLE + " ("
                    + " global_index bigserial not null, aggregate_identifier varchar(255) not null,"
                    + " sequence_number bigint not null, type varchar(255), event_identifier varchar(255) not null,"
                    + " meta_data bytea, payload bytea not null, payload_revision varchar(255),"
                    + " payload_type varchar(255) not null, time_stamp varchar(255) not null,"
                    + " constraint " + TABLE + "_pk primary key (global_index),"
                    + " constraint " + TABLE + "_aggregate_sequence_uk unique (aggregate_identifier, sequence_number),"
                    + " constraint " + TABLE + "_event_identifier_uk unique (event_identifier))");
            statement.execute("create index if not exists " + TABLE + "_type_aggregate_ix on " + TABLE
                    + " (type, aggregate_identifier)");
        }
    }

    /** Rows copy the newest stored event whose payload type is {@code payloadType}; answers a note about it. */
    String copyEvent(Connection connection, String payloadTypeName) throws SQLException {
        try (var statement = connection.prepareStatement("select type, payload_type, payload_revision, payload,"
                + " meta_data from domain_event_entry where payload_type = ? order by global_index desc limit 1")) {
            statement.setString(1, payloadTypeName);
            try (var rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("no stored " + payloadTypeName + " event to copy");
                }
                type = rows.getString(1);
                payloadType = rows.getString(2);
                payloadRevision = rows.getString(3);
                payload = rows.getBytes(4);
                metaData = rows.getBytes(5);
            }
        }
        return "limit (a) rows copy a stored " + payloadType + ": payload=" + payload.length + " B meta_data="
                + (metaData == null ? 0 : metaData.length) + " B, " + (TIME_IDS ? "time-ordered" : "random UUID")
                + " event ids, pool=" + pool.getMaximumPoolSize();
    }

    /** One row in its own transaction: client {@code client} of {@code clients}, its request {@code iteration}. */
    void insert(int client, int clients, long iteration) throws SQLException {
        int perClient = Math.max(1, (streams.length - client + clients - 1) / clients);
        insertInto(Math.min(streams.length - 1, client + (int) (iteration % perClient) * clients));
    }

    /** The same for an open loop's request {@code n}: streams round robin. */
    void insert(long n) throws SQLException {
        insertInto((int) (n % streams.length));
    }

    private void insertInto(int stream) throws SQLException {
        try (Connection connection = pool.getConnection(); var insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, streams[stream]);
            insert.setLong(2, sequences[stream].getAndIncrement());
            insert.setString(3, type);
            insert.setString(4, eventId().toString());
            insert.setBytes(5, metaData);
            insert.setBytes(6, payload);
            insert.setString(7, payloadRevision);
            insert.setString(8, payloadType);
            insert.setString(9, Instant.now().toString());
            insert.executeUpdate();
        }
    }

    private static UUID eventId() {
        if (!TIME_IDS) {
            return UUID.randomUUID();
        }
        long millis = System.currentTimeMillis();
        long high = (millis << 16) | 0x7000L | (ThreadLocalRandom.current().nextLong() & 0x0FFFL);
        long low = (ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    @Override
    public void close() {
        pool.close();
    }
}
