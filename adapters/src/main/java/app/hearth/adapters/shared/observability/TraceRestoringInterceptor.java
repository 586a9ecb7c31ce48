package app.hearth.adapters.shared.observability;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every event processor handles an event that carries a trace ({@link TraceMetadata}) inside a span of that trace
 * (ADR 0045): a child of the span that created the event, current while the handlers run, so the log lines they
 * write carry its trace id (MDC {@code traceId}, {@code spanId}) and what they create carries it on. Sampled or not
 * as the event's trace was: the ids are there either way. Events without a trace are handled as before.
 */
final class TraceRestoringInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(TraceRestoringInterceptor.class);

    private final String processor;
    private final Tracer tracer;
    private final Propagator propagator;

    TraceRestoringInterceptor(String processor, Tracer tracer, Propagator propagator) {
        this.processor = processor;
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        Map<String, Object> carried = TraceMetadata.carried(event, propagator.fields());
        if (carried.isEmpty()) {
            return chain.proceed();
        }
        Span span = propagator.extract(carried, (carrier, key) -> carrier.get(key) instanceof String value
                ? value : null).name("handle " + event.getPayloadType().getSimpleName()).kind(Span.Kind.CONSUMER)
                .tag("processor", processor).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            log.debug("{} handles {} {}", processor, event.getPayloadType().getName(), event.getIdentifier());
            return chain.proceed();
        } catch (Exception | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
