package app.hearth.adapters.earnings.axon;

import app.hearth.application.earnings.EarningsEventHistory;
import app.hearth.domain.earnings.EarningsEvent;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads earnings accounts straight from Axon's event store, as an auditor would: one account through Axon's
 * stream, or the whole store in one streamed query ({@link #readAll}).
 */
@Component
public class AxonEarningsEventHistory implements EarningsEventHistory {

    /** Rows the driver fetches per round trip while {@link #readAll} streams. */
    static final int FETCH_SIZE = 2_000;
    private static final byte[] NO_META_DATA = "{}".getBytes(StandardCharsets.UTF_8);

    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final Serializer eventSerializer;
    private final ObjectProvider<org.axonframework.config.Configuration> axon;

    public AxonEarningsEventHistory(EventStore eventStore, JdbcTemplate jdbc, DataSource dataSource,
                                    @Qualifier("eventSerializer") Serializer eventSerializer,
                                    ObjectProvider<org.axonframework.config.Configuration> axon) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.eventSerializer = eventSerializer;
        this.axon = axon;
    }

    @Override
    public List<String> companionIds() {
        return jdbc.queryForList("select distinct aggregate_identifier from domain_event_entry where type = ?"
                        + " order by aggregate_identifier", String.class, "EarningsAccount").stream()
                .map(id -> id.substring(EarningsAccountAggregate.ID_PREFIX.length()))
                .toList();
    }

    @Override
    public boolean exists(String companionId) {
        return eventStore.lastSequenceNumberFor(EarningsAccountAggregate.aggregateId(companionId)).isPresent();
    }

    @Override
    public List<EarningsEvent> history(String companionId) {
        var events = new ArrayList<EarningsEvent>();
        eventStore.readEvents(EarningsAccountAggregate.aggregateId(companionId), 0).asStream()
                .forEach(message -> events.add((EarningsEvent) message.getPayload()));
        return events;
    }

    /**
     * One query over every earnings account's events, in the order of the {@code (aggregate_identifier,
     * sequence_number)} index, streamed {@value #FETCH_SIZE} rows per round trip (a read-only transaction: the
     * PostgreSQL driver streams only outside auto-commit), so one account's events arrive together. Each account
     * is handed over as soon as its last row is read; its events are upcast and deserialized as Axon's own reads do
     * (the event serializer, the upcaster chain) when the receiver asks, on the receiver's thread. Snapshots are
     * not read: an audit rebuilds from the events alone.
     */
    @Override
    public void readAll(Consumer<StoredAccount> accounts) {
        String prefix = EarningsAccountAggregate.ID_PREFIX;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (var settings = connection.createStatement()) {
                // the index gives the order: a sort would first copy every payload of the store to disk
                settings.execute("set local enable_sort = off");
            }
            try (var query = connection.prepareStatement("select aggregate_identifier, sequence_number, type,"
                    + " event_identifier, time_stamp, payload_type, payload_revision, payload from domain_event_entry"
                    + " where aggregate_identifier like ? order by aggregate_identifier, sequence_number")) {
                query.setFetchSize(FETCH_SIZE);
                query.setString(1, prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
                try (var rows = query.executeQuery()) {
                    String current = null;
                    var events = new ArrayList<DomainEventData<byte[]>>();
                    while (rows.next()) {
                        String aggregate = rows.getString(1);
                        if (!aggregate.equals(current)) {
                            if (current != null) {
                                accounts.accept(new Stored(current.substring(prefix.length()), events));
                                events = new ArrayList<>();
                            }
                            current = aggregate;
                        }
                        events.add(new GenericDomainEventEntry<>(rows.getString(3), aggregate, rows.getLong(2),
                                rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                                rows.getBytes(8), NO_META_DATA));
                    }
                    if (current != null) {
                        accounts.accept(new Stored(current.substring(prefix.length()), events));
                    }
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException failure) {
            throw new IllegalStateException("could not read the earnings events: " + failure.getMessage(), failure);
        }
    }

    /** One account's stored rows, decoded on demand. */
    private final class Stored implements StoredAccount {
        private final String companionId;
        private final List<DomainEventData<byte[]>> rows;

        Stored(String companionId, List<DomainEventData<byte[]>> rows) {
            this.companionId = companionId;
            this.rows = rows;
        }

        @Override
        public String companionId() {
            return companionId;
        }

        @Override
        public int size() {
            return rows.size();
        }

        @Override
        public List<EarningsEvent> events() {
            var events = new ArrayList<EarningsEvent>(rows.size());
            EventStreamUtils.asStream(EventStreamUtils.upcastAndDeserializeDomainEvents(rows.stream(),
                            eventSerializer, axon.getObject().upcasterChain()))
                    .forEach(message -> events.add((EarningsEvent) message.getPayload()));
            return events;
        }
    }
}
