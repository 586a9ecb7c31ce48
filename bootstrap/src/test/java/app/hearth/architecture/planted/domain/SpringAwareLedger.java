package app.hearth.architecture.planted.domain;

import org.springframework.context.ApplicationEventPublisher;

/** Violates purity: a domain type that publishes through Spring. */
public class SpringAwareLedger {

    private final ApplicationEventPublisher publisher;

    public SpringAwareLedger(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    public void record(Object event) {
        publisher.publishEvent(event);
    }
}
