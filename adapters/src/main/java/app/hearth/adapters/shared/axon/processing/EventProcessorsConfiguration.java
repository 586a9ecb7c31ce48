package app.hearth.adapters.shared.axon.processing;

import java.lang.management.ManagementFactory;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * One way for every event processor, whatever its processing group (ADR 0024); a group needs no configuration of its
 * own to get it:
 * <ul>
 *   <li>a tracking processor, one segment (several for the groups in {@code hearth.projections.segments}), batches of {@code hearth.projections.batch-size}, with claims that move:
 *       a node that stops releases its claims, the others try to claim every {@code token-claim-interval}, and the
 *       claim of a node that died is taken over after {@code claim-timeout};</li>
 *   <li>every node claims under an id of its own (several contexts in one JVM included);</li>
 *   <li>a sequenced dead-letter queue per processing group in {@code dead_letter_entry}: an event a handler cannot
 *       handle waits there with later events of its aggregate, everything else goes on ({@link DeadLetterPolicy},
 *       {@link DeadLetterRetry}); the queue is cleared when the processor's tokens are reset;</li>
 *   <li>a failed batch is retried one event at a time ({@link FailedBatchRetry}, {@link OneEventAtATime}), so a row
 *       a projection cannot write dead-letters its event rather than stopping the processor.</li>
 * </ul>
 * A handler failure still propagates (never logged and skipped): without a dead-letter queue it would roll the batch
 * back; with one, it parks the event.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProjectionProperties.class)
public class EventProcessorsConfiguration {

    /** The token store; its node id is unique per application context, so two nodes never share a claim. */
    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer generalSerializer,
                                 TokenSchema tokenSchema, ProjectionProperties projections) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(tokenSchema)
                .serializer(generalSerializer)
                .claimTimeout(projections.claimTimeout())
                .nodeId(nodeId())
                .build();
    }

    /**
     * {@code pid@host} as Axon names a node by default, plus a random part: contexts of one JVM (a second node in a
     * test) would otherwise take each other's claims for their own and process the same segment twice.
     */
    static String nodeId() {
        return ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Bean
    public DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    /** Picked up by Axon for every message handler; acts only on events of a batch retried one at a time. */
    @Bean
    public OneEventAtATime oneEventAtATime(PlatformTransactionManager transactionManager) {
        return new OneEventAtATime(new SavepointTransactions(transactionManager));
    }

    /**
     * The defaults above, for every processor and processing group. Ordered last, so that its dead-letter queue
     * provider is the one in force (Axon's Spring Boot module registers one that only serves groups with
     * {@code axon.eventhandling.processors.<name>.dlq.enabled}).
     */
    @Bean
    public ConfigurerModule eventProcessorDefaults(ProjectionProperties projections,
                                                   PlatformTransactionManager transactionManager,
                                                   ConnectionProvider connectionProvider,
                                                   TransactionManager axonTransactionManager,
                                                   DeadLetterSchema deadLetterSchema,
                                                   Serializer generalSerializer,
                                                   @Qualifier("eventSerializer") Serializer eventSerializer) {
        return new ConfigurerModule() {
            @Override
            public void configureModule(Configurer configurer) {
                EventProcessingConfigurer processing = configurer.eventProcessing();
                processing.registerTrackingEventProcessorConfiguration(c -> TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing()
                        .andBatchSize(projections.batchSize())
                        .andInitialSegmentsCount(1)
                        .andTokenClaimInterval(projections.tokenClaimInterval().toMillis(), TimeUnit.MILLISECONDS));
                // groups that replay faster in parallel: segments by aggregate (Axon's default sequencing policy keeps
                // each aggregate's events in order within one segment), a thread per segment held, room for a split
                projections.segments().forEach((group, segments) ->
                        processing.registerTrackingEventProcessorConfiguration(group, c ->
                                TrackingEventProcessorConfiguration.forParallelProcessing(2 * segments)
                                        .andInitialSegmentsCount(segments)
                                        .andBatchSize(projections.batchSize())
                                        .andTokenClaimInterval(projections.tokenClaimInterval().toMillis(),
                                                TimeUnit.MILLISECONDS)));
                processing.registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
                // batches begin a transaction; a dead letter or an event handled alone gets a savepoint inside one
                processing.registerDefaultTransactionManager(c -> new SavepointTransactions(transactionManager));
                processing.registerDefaultHandlerInterceptor((c, processorName) -> new FailedBatchRetry(processorName));
                processing.registerDeadLetterQueueProvider(processingGroup -> {
                    // Axon takes these per processing group only: registered as each group gets its queue
                    processing.registerDeadLetterPolicy(processingGroup, c -> new DeadLetterPolicy(processingGroup));
                    processing.registerDeadLetteringEventHandlerInvokerConfiguration(processingGroup,
                            (c, invoker) -> invoker.enableSequenceIdentifierCache().allowReset(true));
                    return c -> JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                            .processingGroup(processingGroup)
                            .connectionProvider(connectionProvider)
                            .transactionManager(axonTransactionManager)
                            .schema(deadLetterSchema)
                            .genericSerializer(generalSerializer)
                            .eventSerializer(eventSerializer)
                            .maxSequences(projections.deadLetterMaxSequences())
                            .maxSequenceSize(projections.deadLetterMaxSequenceSize())
                            .build();
                });
            }

            @Override
            public int order() {
                return Integer.MAX_VALUE;
            }
        };
    }

    /** Retries dead letters on a schedule, on every node that serves. */
    @Bean
    @ConditionalOnProperty(name = "hearth.mode", havingValue = "server", matchIfMissing = true)
    public DeadLetterRetry deadLetterRetry(EventProcessingConfiguration processing) {
        return new DeadLetterRetry(processing);
    }
}
