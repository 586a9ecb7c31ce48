package app.hearth.adapters.shared.axon;

import app.hearth.domain.shared.EventRevision;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jmolecules.event.annotation.DomainEvent;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * The stable name under which each domain event is stored: {@code namespace.name} from its jMolecules
 * {@link DomainEvent} annotation, never its Java class name. Moving or renaming an event class therefore leaves
 * the stored history readable. Two classes claiming one name stop the application at start-up. Each is stored at
 * the revision its {@link EventRevision} names, {@value #FIRST_REVISION} without one (ADR 0039).
 */
public final class StoredEventTypes {

    /** The revision of an event without {@link EventRevision}. */
    public static final String FIRST_REVISION = "1";

    private final Map<Class<?>, String> nameByClass = new HashMap<>();
    private final Map<String, Class<?>> classByName = new HashMap<>();
    private final Map<Class<?>, String> revisionByClass = new HashMap<>();

    public StoredEventTypes(Collection<Class<?>> eventClasses) {
        for (Class<?> eventClass : eventClasses) {
            DomainEvent annotation = eventClass.getAnnotation(DomainEvent.class);
            if (annotation == null || annotation.namespace().isBlank() || annotation.name().isBlank()) {
                throw new IllegalStateException(eventClass.getName()
                        + " needs @DomainEvent(namespace = ..., name = ...) to be stored");
            }
            String name = annotation.namespace() + "." + annotation.name();
            Class<?> earlier = classByName.putIfAbsent(name, eventClass);
            if (earlier != null && earlier != eventClass) {
                throw new IllegalStateException("stored event name " + name + " is claimed by both "
                        + earlier.getName() + " and " + eventClass.getName());
            }
            nameByClass.put(eventClass, name);
            EventRevision revision = eventClass.getAnnotation(EventRevision.class);
            if (revision != null && revision.value() < 1) {
                throw new IllegalStateException(eventClass.getName() + " has revision " + revision.value()
                        + ": revisions count from 1");
            }
            revisionByClass.put(eventClass, revision == null ? FIRST_REVISION : Integer.toString(revision.value()));
        }
    }

    /** Every {@link DomainEvent} class under {@code basePackage}. */
    public static StoredEventTypes scan(String basePackage) {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(DomainEvent.class));
        var classes = new java.util.ArrayList<Class<?>>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
            try {
                classes.add(Class.forName(candidate.getBeanClassName(), false,
                        StoredEventTypes.class.getClassLoader()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("cannot load domain event " + candidate.getBeanClassName(), e);
            }
        }
        return new StoredEventTypes(classes);
    }

    public Optional<String> nameOf(Class<?> eventClass) {
        return Optional.ofNullable(nameByClass.get(eventClass));
    }

    public Optional<Class<?>> classNamed(String storedName) {
        return Optional.ofNullable(classByName.get(storedName));
    }

    /** The revision {@code eventClass} is stored at today, if it is a stored event. */
    public Optional<String> revisionOf(Class<?> eventClass) {
        return Optional.ofNullable(revisionByClass.get(eventClass));
    }

    /** Every stored event class. */
    public Set<Class<?>> eventClasses() {
        return Set.copyOf(nameByClass.keySet());
    }
}
