package app.hearth.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.domain.calls.CallEvent.CallEnded;
import app.hearth.domain.money.wallet.CallVerdict;
import app.hearth.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The upcasters are registered with the event store (ADR 0039): a {@code call.CallEnded} stored at revision 1,
 * before it carried its started minutes, reads from PostgreSQL at revision 2 with them. The row is written and read
 * in one transaction that rolls back, so no processor ever sees it.
 */
class StoredEventUpcastingIT extends IntegrationTest {

    static final String BEFORE_ADR_0030 = "{\"callId\":\"%s\",\"memberId\":\"m-1\",\"companionId\":\"c-1\","
            + "\"kind\":\"AUDIO\",\"reason\":\"HUNG_UP_BY_MEMBER\",\"endedBy\":\"m-1\","
            + "\"connectedAt\":\"2026-11-24T10:00:00Z\",\"endedAt\":\"2026-11-24T10:02:01Z\","
            + "\"billableUntil\":\"2026-11-24T10:02:01Z\",\"connectedSeconds\":121,\"billableSeconds\":121,"
            + "\"chargeable\":true,\"at\":\"2026-11-24T10:02:01Z\"}";

    @Autowired
    EventStorageEngine eventStore;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aCallEndStoredAtRevision1ReadsFromTheEventStoreWithItsStartedMinutes() {
        String callId = "upcast-" + UUID.randomUUID();
        new TransactionTemplate(transactions).executeWithoutResult(transaction -> {
            transaction.setRollbackOnly();
            jdbc.update("insert into domain_event_entry (aggregate_identifier, sequence_number, type,"
                            + " event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp)"
                            + " values (?, 0, 'Call', ?, ?, ?, '1', 'call.CallEnded', '2026-11-24T10:02:01Z')",
                    "call:" + callId, UUID.randomUUID().toString(), "{}".getBytes(StandardCharsets.UTF_8),
                    BEFORE_ADR_0030.formatted(callId).getBytes(StandardCharsets.UTF_8));

            var read = eventStore.readEvents("call:" + callId).asStream().toList();

            assertThat(read).singleElement().satisfies(event -> assertThat(event.getPayload())
                    .isInstanceOfSatisfying(CallEnded.class, ended -> {
                        assertThat(ended.startedMinutes()).isEqualTo(3L);
                        assertThat(ended.verdict()).isEqualTo(new CallVerdict(true, 121, 3));
                    }));
        });
    }
}
