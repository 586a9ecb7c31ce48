package app.hearth.adapters.shared.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Seeing Hearth run (ADR 0045): event processors in health and Prometheus, command and append timers, and the trace
 * carried through Axon messages. Nothing here changes what a command or a processor does.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ObservabilityProperties.class)
public class ObservabilityConfiguration {

    /** Samples lag, positions and dead letters of this node's processors, on every node that serves. */
    @Bean
    @ConditionalOnProperty(name = "hearth.mode", havingValue = "server", matchIfMissing = true)
    public ProcessorProgress processorProgress(JdbcTemplate jdbc, Serializer generalSerializer,
                                               EventProcessingConfiguration processing, MeterRegistry meters,
                                               ObservabilityProperties properties) {
        return new ProcessorProgress(jdbc, generalSerializer, processing, meters, properties.processors());
    }

    /** {@code /actuator/health/eventProcessors}. */
    @Bean
    @ConditionalOnBean(ProcessorProgress.class)
    public ProcessorsHealth eventProcessorsHealthContributor(ProcessorProgress progress) {
        return new ProcessorsHealth(progress);
    }

    /** {@code hearth.event.store.append}; static, as a post-processor must be. */
    @Bean
    static AppendTimer eventStoreAppendTimer(ObjectProvider<MeterRegistry> meters) {
        return new AppendTimer(meters);
    }

    /**
     * The current trace into the metadata of every message a unit of work creates. Declaring a provider switches
     * off Axon's default one, so it is declared again beside it.
     */
    @Bean
    public CorrelationDataProvider traceMetadata(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new TraceMetadata(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    /** Axon's default correlation data ({@code correlationId}, {@code traceId}: message ids), as before. */
    @Bean
    public CorrelationDataProvider axonMessageOrigin() {
        return new MessageOriginProvider();
    }

    /** The command timer on the command bus, the trace restored around every event processor's handlers. */
    @Bean
    public ConfigurerModule observabilityModule(MeterRegistry meters, ObjectProvider<Tracer> tracers,
                                                ObjectProvider<Propagator> propagators) {
        CommandTimer commands = new CommandTimer(meters);
        // tracing switched off (management.tracing.enabled=false): no-op spans, nothing carried
        Tracer tracer = tracers.getIfAvailable(() -> Tracer.NOOP);
        Propagator propagator = propagators.getIfAvailable(() -> Propagator.NOOP);
        return new ConfigurerModule() {
            @Override
            public void configureModule(Configurer configurer) {
                configurer.configureMessageMonitor(CommandBus.class, c -> commands);
                configurer.eventProcessing().registerDefaultHandlerInterceptor((c, processor) ->
                        new TraceRestoringInterceptor(processor, tracer, propagator));
            }
        };
    }
}
