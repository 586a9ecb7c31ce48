package app.hearth.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.adapters.access.jooq.LedgerStaffActionsProjection;
import app.hearth.adapters.earnings.jooq.EarningsProjection;
import app.hearth.adapters.money.wallet.jooq.WalletProjection;
import app.hearth.support.IntegrationTest;
import app.hearth.support.Projections;
import java.util.UUID;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Axon runs on PostgreSQL through JDBC with Spring's transactions: the trap that fails silently is closed. */
class AxonWiringIT extends IntegrationTest {

    @Autowired
    Configuration axon;
    @Autowired
    ApplicationContext context;

    @Test
    void axonUsesSpringTransactionsNeverTheNoOpManager() {
        TransactionManager manager = axon.getComponent(TransactionManager.class);
        assertThat(manager).isInstanceOf(SpringTransactionManager.class).isNotInstanceOf(NoTransactionManager.class);
    }

    @Test
    void eventsAndTokensLiveInPostgresThroughJdbc() {
        assertThat(axon.getComponent(EventStorageEngine.class)).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(axon.getComponent(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
    }

    @Test
    void storedEventsCarryStableNamesAndJsonPayloadsAndTokensAreJson() {
        String companion = "wiring-" + UUID.randomUUID();
        as("admin", "a1").post("/api/v1/companions/" + companion + "/earnings", null);
        Projections.awaitCaughtUp(jdbc, EarningsProjection.PROCESSING_GROUP);

        var row = jdbc.queryForMap("select type, payload_type, payload_revision, convert_from(payload, 'UTF8')::jsonb"
                + " ->> 'companionId' as companion from domain_event_entry where aggregate_identifier = ?",
                "earnings:" + companion);
        assertThat(row).containsEntry("type", "EarningsAccount")
                .containsEntry("payload_type", "earnings.EarningsAccountOpened")
                .containsEntry("payload_revision", "1")
                .containsEntry("companion", companion);
        var tokenTypes = jdbc.queryForList("select distinct token_type from token_entry where processor_name = ?"
                + " and token is not null", String.class, EarningsProjection.PROCESSING_GROUP);
        assertThat(tokenTypes).containsExactly("org.axonframework.eventhandling.GapAwareTrackingToken");
    }

    /** Axon's auto-configuration takes the first customizer it finds: a second one would be ignored silently. */
    @Test
    void oneJacksonCustomizerForAxonsSerializers() {
        assertThat(context.getBeansOfType(Jackson3SerializerCustomizer.class)).hasSize(1);
    }

    /** ADR 0024: every processing group, named in no configuration, gets the same processor and a dead-letter queue. */
    @Test
    void everyProcessingGroupIsATrackingProcessorWithADeadLetterQueue() {
        EventProcessingConfiguration processing = axon.eventProcessingConfiguration();
        assertThat(processing.eventProcessors().keySet()).contains(EarningsProjection.PROCESSING_GROUP,
                WalletProjection.PROCESSING_GROUP, LedgerStaffActionsProjection.PROCESSING_GROUP);
        processing.eventProcessors().keySet().forEach(group -> {
            assertThat(processing.eventProcessor(group, TrackingEventProcessor.class)).as(group).isPresent();
            assertThat(processing.deadLetterQueue(group)).as(group).get()
                    .isInstanceOf(JdbcSequencedDeadLetterQueue.class);
            assertThat(processing.sequencedDeadLetterProcessor(group)).as(group).isPresent();
        });
    }
}
