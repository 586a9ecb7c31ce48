package app.hearth.adapters.shared.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.reflect.Modifier;
import java.util.List;
import org.aopalliance.intercept.MethodInterceptor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Times the event store's appends (ADR 0045): every {@link EventStorageEngine} bean is proxied, whatever engine it is,
 * and each {@code appendEvents(List)} (the insert of one unit of work's events, in its transaction, at prepare-commit)
 * is recorded as {@code hearth.event.store.append}. The proxy extends the engine's own class, so the engine still is
 * what it was ({@code JdbcEventStorageEngine} for Axon's configuration and its tests); an engine of a final class gets
 * an interface proxy.
 */
final class AppendTimer implements BeanPostProcessor {

    static final String NAME = "hearth.event.store.append";

    private final ObjectProvider<MeterRegistry> meters;

    AppendTimer(ObjectProvider<MeterRegistry> meters) {
        this.meters = meters;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof EventStorageEngine)) {
            return bean;
        }
        ProxyFactory proxy = new ProxyFactory(bean);
        if (Modifier.isFinal(bean.getClass().getModifiers())) {
            proxy.setInterfaces(EventStorageEngine.class);
        } else {
            proxy.setProxyTargetClass(true);
        }
        proxy.addAdvice((MethodInterceptor) invocation -> {
            if (!invocation.getMethod().getName().equals("appendEvents") || invocation.getArguments().length != 1
                    || !(invocation.getArguments()[0] instanceof List<?> events)) {
                return invocation.proceed();
            }
            Timer.Sample sample = Timer.start();
            String outcome = "failure";
            try {
                Object result = invocation.proceed();
                outcome = "success";
                return result;
            } finally {
                MeterRegistry registry = meters.getIfAvailable();
                if (registry != null && !events.isEmpty()) {
                    sample.stop(Timer.builder(NAME).description("appends of one unit of work's events to the event"
                            + " store").tag("outcome", outcome).register(registry));
                }
            }
        });
        return proxy.getProxy(bean.getClass().getClassLoader());
    }
}
