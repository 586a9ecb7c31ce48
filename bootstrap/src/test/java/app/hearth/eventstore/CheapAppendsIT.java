package app.hearth.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.application.earnings.EarningsLedger;
import app.hearth.domain.earnings.ActivityKind;
import app.hearth.support.IntegrationTest;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Appends are cheap (ADR 0044): a command's events carry time-ordered ids (UUIDv7), and the events of one unit of
 * work reach PostgreSQL as one multi-row INSERT, in one round trip. What reaches the server is read from the
 * PostgreSQL driver's own protocol log (its {@code FE=>} messages, on this thread only): nothing of ours is mocked.
 */
class CheapAppendsIT extends IntegrationTest {

    @Autowired
    EarningsLedger ledger;

    @Autowired
    EventStore eventStore;

    @Autowired
    TransactionManager axonTransactionManager;

    @Test
    void eventsAppendedByACommandCarryVersion7IdsInTheEventStoreInTheOrderTheyWereAppended() {
        String companion = "appends-" + UUID.randomUUID();
        ledger.open(new app.hearth.domain.access.Actor("admin-1", app.hearth.domain.access.Role.ADMIN), companion);
        for (int i = 0; i < 3; i++) {
            ledger.credit(new EarningsLedger.ActivityCredit(companion, "source-" + i, ActivityKind.AUDIO_CALL_MINUTE,
                    1, Instant.now(), ZoneId.of("UTC"), null, "calls"));
        }

        List<String> ids = jdbc.queryForList("select event_identifier from domain_event_entry"
                + " where aggregate_identifier = ? order by sequence_number", String.class, "earnings:" + companion);

        assertThat(ids).hasSize(4);
        assertThat(ids).allSatisfy(id -> assertThat(UUID.fromString(id).version()).as(id).isEqualTo(7));
        assertThat(ids).isSortedAccordingTo(String::compareTo).doesNotHaveDuplicates();
    }

    @Test
    void theEventsOfOneUnitOfWorkReachTheServerAsOneInsertInOneRoundTrip() {
        // a valid earnings account of eight events (opened, seven credits chained by their hashes), so that the
        // read model and the auditor of the shared test database see a consistent account
        String companion = "appends-probe-" + UUID.randomUUID();
        String aggregate = "earnings:" + companion;
        var messages = new ArrayList<GenericDomainEventMessage<?>>();
        Instant at = Instant.now();
        messages.add(new GenericDomainEventMessage<>("EarningsAccount", aggregate, 0,
                new app.hearth.domain.earnings.EarningsEvent.EarningsAccountOpened(companion, "test", at)));
        String previous = app.hearth.domain.earnings.EntryHash.GENESIS;
        for (int i = 1; i < 8; i++) {
            var entry = new app.hearth.domain.earnings.LedgerEntry("entry-" + i, i,
                    app.hearth.domain.earnings.EntryKind.ACTIVITY_CREDIT, 10, 10L * i, "probe", "source-" + i, "calls",
                    "rules-v1", at, previous, null);
            var credit = new app.hearth.domain.earnings.EarningsEvent.ActivityCredited(companion, entry,
                    ActivityKind.AUDIO_CALL_MINUTE, 1, 10, 10_000, List.of());
            previous = app.hearth.domain.earnings.EntryHash.of(companion, entry, credit.hashedDetails());
            messages.add(new GenericDomainEventMessage<>("EarningsAccount", aggregate, i,
                    new app.hearth.domain.earnings.EarningsEvent.ActivityCredited(companion, entry.withHash(previous),
                            ActivityKind.AUDIO_CALL_MINUTE, 1, 10, 10_000, List.of())));
        }

        List<String> sent;
        try (var wire = WireLog.onThisThread()) {
            var unitOfWork = DefaultUnitOfWork.startAndGet(null);
            unitOfWork.attachTransaction(axonTransactionManager);
            unitOfWork.execute(() -> messages.forEach(eventStore::publish));
            sent = wire.messages();
        }

        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, aggregate)).isEqualTo(8);
        String log = String.join("\n", sent);
        // Without reWriteBatchedInserts the driver pipelines eight Bind/Execute pairs behind one Sync: one round
        // trip, but eight INSERTs for the server to run. With it, one INSERT of eight rows (the driver cuts a batch
        // into power-of-two pieces, 5 events would be an INSERT of 4 rows and one of 1, still in one round trip).
        assertThat(sent).as("what the driver sent:%n%s", log)
                .filteredOn(m -> m.startsWith("batch execute"))
                .singleElement().satisfies(batch -> assertThat(batch).startsWith("batch execute 1 queries"));
        assertThat(sent).as("what the driver sent:%n%s", log)
                .filteredOn(m -> m.startsWith("FE=> Bind") && m.contains(aggregate))
                .singleElement().satisfies(bind -> assertThat(bind).contains("$72="));
        // what the server answered: one INSERT of eight rows
        assertThat(sent).as("what the server answered:%n%s", log)
                .filteredOn(m -> m.startsWith("<=BE CommandStatus(INSERT"))
                .containsExactly("<=BE CommandStatus(INSERT 0 8)");
        // two round trips in all: the events (the BEGIN goes with them), then the COMMIT
        assertThat(sent).as("what the driver sent:%n%s", log).filteredOn(m -> m.equals("FE=> Sync")).hasSize(2);
    }

    /** The PostgreSQL driver's protocol log (java.util.logging, FINEST) of the calling thread, while open. */
    static final class WireLog extends Handler implements AutoCloseable {

        private static final Logger DRIVER = Logger.getLogger("org.postgresql");
        private final long thread = Thread.currentThread().threadId();
        private final List<String> messages = new ArrayList<>();
        private final Level before = DRIVER.getLevel();
        private final SimpleFormatter formatter = new SimpleFormatter();

        static WireLog onThisThread() {
            var log = new WireLog();
            DRIVER.setLevel(Level.FINEST);
            DRIVER.addHandler(log);
            return log;
        }

        @Override
        public void publish(LogRecord record) {
            if (record.getLongThreadID() == thread) {
                synchronized (messages) {
                    messages.add(formatter.formatMessage(record).trim());
                }
            }
        }

        List<String> messages() {
            synchronized (messages) {
                return List.copyOf(messages);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            DRIVER.removeHandler(this);
            DRIVER.setLevel(before);
        }
    }
}
