package app.hearth.adapters.shared.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/**
 * Axon's command bus monitor (ADR 0045): times each command from its dispatch until its unit of work has committed
 * (events appended) or failed, as {@code hearth.command} tagged with the command's type (its class name without the
 * package, such as {@code EarningsCommand.OpenAccount}) and its outcome ({@code success}, {@code failure}: a business
 * refusal as well as an error).
 */
final class CommandTimer implements MessageMonitor<Message<?>> {

    static final String NAME = "hearth.command";

    private final MeterRegistry meters;
    private final ConcurrentMap<Class<?>, String> names = new ConcurrentHashMap<>();

    CommandTimer(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> command) {
        long start = System.nanoTime();
        String type = names.computeIfAbsent(command.getPayloadType(), CommandTimer::shortName);
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                record("success");
            }

            @Override
            public void reportFailure(Throwable cause) {
                record("failure");
            }

            @Override
            public void reportIgnored() {
                record("ignored");
            }

            private void record(String outcome) {
                Timer.builder(NAME).description("commands from dispatch to the commit of their unit of work")
                        .tag("command", type).tag("outcome", outcome).register(meters)
                        .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        };
    }

    static String shortName(Class<?> type) {
        String name = type.getName();
        String simple = type.getPackageName().isEmpty() ? name : name.substring(type.getPackageName().length() + 1);
        return simple.replace('$', '.');
    }
}
