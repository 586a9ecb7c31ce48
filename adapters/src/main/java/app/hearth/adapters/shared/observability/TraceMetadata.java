package app.hearth.adapters.shared.observability;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Puts the current trace into the metadata of every message a unit of work creates (ADR 0045), as the configured
 * propagation writes it into HTTP headers: W3C {@code traceparent} by default. A command handled on a request's
 * thread gives its events the request's trace; an event processor handling such an event (its span restored by
 * {@link TraceRestoringInterceptor}) gives it to the commands and events it creates in turn. With no current span,
 * the trace the message being handled carries is passed on. Axon's own {@code traceId} and {@code correlationId}
 * metadata ({@code MessageOriginProvider}: message ids, not a W3C trace) stay as they were.
 */
final class TraceMetadata implements CorrelationDataProvider {

    private final Tracer tracer;
    private final Propagator propagator;

    TraceMetadata(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Span current = tracer.currentSpan();
        if (current != null) {
            Map<String, String> carrier = new HashMap<>(4);
            propagator.inject(current.context(), carrier, Map::put);
            return carrier;
        }
        return carried(message, propagator.fields());
    }

    /** The trace fields {@code message} carries. */
    static Map<String, Object> carried(Message<?> message, List<String> fields) {
        Map<String, Object> carried = new HashMap<>(4);
        for (String field : fields) {
            Object value = message.getMetaData().get(field);
            if (value != null) {
                carried.put(field, value);
            }
        }
        return carried;
    }
}
