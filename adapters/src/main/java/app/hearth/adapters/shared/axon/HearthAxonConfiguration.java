package app.hearth.adapters.shared.axon;

import app.hearth.adapters.earnings.axon.EarningsAccountAggregate;
import app.hearth.adapters.shared.axon.state.AggregateStateConfiguration;
import app.hearth.domain.earnings.EarningsCommand;
import app.hearth.domain.shared.RuleViolation;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Axon on PostgreSQL, wired explicitly rather than left to auto-configuration order (stack-notes.md): the JDBC
 * event store and token store on Flyway's snake_case tables, Spring's transactions (never the no-op manager),
 * JSON events under stable names, and command routing by the id each domain command names.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventStoreProperties.class)
public class HearthAxonConfiguration {

    /** PostgreSQL's unique_violation: an aggregate sequence number or event id that is already taken. */
    static final String UNIQUE_VIOLATION = "23505";

    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver(UNIQUE_VIOLATION);
    }

    @Bean
    public TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    /**
     * The connection of the Spring transaction in progress, as jOOQ gets it. Not wrapped in Axon's
     * {@code UnitOfWorkAwareConnectionProviderWrapper}: that wrapper rolls the JDBC connection back itself when a
     * unit of work rolls back, and in a caller's Spring transaction (the payment pipeline's) this silently threw away
     * what the caller had written while Spring went on to commit the rest (ADR 0019). A failed unit of work now only
     * marks the Spring transaction rollback-only: all of it commits, or none.
     */
    @Bean
    public ConnectionProvider connectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    /**
     * Axon's local command bus as its auto-configuration builds it, with one difference: a command refused by a
     * business rule ({@link RuleViolation}) does not roll the unit of work back. A decider refuses before it applies
     * anything, so there is nothing to undo, and a rollback would doom the caller's whole transaction for an answer
     * such as "insufficient balance". Every other failure (a sequence conflict, a missing aggregate, a bug) still
     * rolls back.
     */
    @Bean
    @Qualifier("localSegment")
    public SimpleCommandBus commandBus(TransactionManager axonTransactionManager,
                                       org.axonframework.config.Configuration configuration,
                                       DuplicateCommandHandlerResolver duplicateCommandHandlerResolver) {
        SimpleCommandBus bus = SimpleCommandBus.builder()
                .transactionManager(axonTransactionManager)
                .duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
                .spanFactory(configuration.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(configuration.messageMonitor(CommandBus.class, "commandBus"))
                .rollbackConfiguration(HearthAxonConfiguration::rollsBack)
                .build();
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(configuration.correlationDataProviders()));
        return bus;
    }

    /** Whether a command's unit of work rolls back for {@code failure}: for every unchecked failure but a refusal. */
    static boolean rollsBack(Throwable failure) {
        return !(failure instanceof RuleViolation) && RollbackConfigurationType.UNCHECKED_EXCEPTIONS.rollBackOn(failure);
    }

    @Bean
    public StoredEventTypes storedEventTypes() {
        return StoredEventTypes.scan("app.hearth.domain");
    }

    /**
     * Lets Axon's Jackson 3 serializers built from the properties (the general one, which writes tracking tokens and
     * dead letters, and the messages one) accept an Axon type where Axon declares {@code Object}. Resetting a
     * processor stores a {@code ReplayToken} whose reset context is such a property; Jackson 3's default validator
     * refuses every subtype of {@code Object}, so after a reset the processor could not read its token, stopped as
     * "unrecoverable", and no replay ever ran ({@link AxonTypeValidator}). Every other polymorphic type is checked
     * as Jackson does by default. The event serializer below is built without it: events carry no polymorphic fields.
     * One customizer only: Axon's auto-configuration takes the first it finds.
     */
    @Bean
    public Jackson3SerializerCustomizer axonTypesInObjectProperties() {
        return mapper -> mapper.polymorphicTypeValidator(new AxonTypeValidator());
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(StoredEventTypes storedEventTypes) {
        return new StableEventTypeSerializer(Jackson3Serializer.builder().build(), storedEventTypes);
    }

    /**
     * The JDBC event store. Its gap detection waits for a {@code global_index} taken by a transaction that has not
     * committed yet for {@code hearth.event-store.gap-timeout} (Axon's default, 60 s, gave up the gap of a transaction
     * still allowed to commit, and its event never reached the projections), and keeps gaps up to
     * {@code max-gap-offset} events behind; see {@link EventStoreProperties} and ADR 0024.
     */
    @Bean
    public EventStorageEngine eventStorageEngine(AggregateStateConfiguration.SnapshotSerializer snapshotSerializer,
                                                 SnapshotFilter snapshotFilter,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager axonTransactionManager,
                                                 EventSchema eventSchema,
                                                 EventStoreProperties eventStore,
                                                 org.axonframework.config.Configuration configuration) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(snapshotSerializer.serializer())
                .snapshotFilter(snapshotFilter)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(axonTransactionManager)
                .schema(eventSchema)
                .gapTimeout(Math.toIntExact(eventStore.gapTimeout().toMillis()))
                .maxGapOffset(eventStore.maxGapOffset())
                .build();
    }

    /**
     * Ends transactions that wrote events and outlived {@code hearth.event-store.longest-transaction}, on every node
     * that serves; refuses to start when connections do not end idle transactions as soon.
     */
    @Bean
    @ConditionalOnProperty(name = "hearth.mode", havingValue = "server", matchIfMissing = true)
    public LongTransactionGuard longTransactionGuard(JdbcTemplate jdbc, EventStoreProperties eventStore) {
        var guard = new LongTransactionGuard(jdbc, eventStore.longestTransaction());
        guard.checkIdleTransactionTimeout();
        return guard;
    }

    /** Routes every domain command to the aggregate its own id names; no Axon annotation in the domain. */
    @Bean
    public CommandTargetResolver hearthCommandTargetResolver() {
        return command -> switch (command.getPayload()) {
            case EarningsCommand earnings -> new VersionedAggregateIdentifier(
                    EarningsAccountAggregate.aggregateId(earnings.companionId()), null);
            default -> throw new IllegalArgumentException("no aggregate routing for " + command.getPayloadType());
        };
    }
}
