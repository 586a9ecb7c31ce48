package app.hearth.adapters.shared.axon.state;

import java.util.Objects;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.SerializedType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a snapshot only when it has the shape of today's aggregate: its stored revision is the {@code @Revision} of the
 * aggregate class it names (ADR 0041). A snapshot of an older shape (or of a class that is gone) is passed over and the
 * aggregate is loaded from its events, all of them, until the next snapshot is taken; nothing is upcast.
 */
public final class CurrentRevisionSnapshots implements SnapshotFilter {

    private static final Logger log = LoggerFactory.getLogger(CurrentRevisionSnapshots.class);
    private final AnnotationRevisionResolver revisions = new AnnotationRevisionResolver();

    @Override
    public boolean allow(DomainEventData<?> snapshot) {
        SerializedType type = snapshot.getPayload().getType();
        try {
            String current = revisions.revisionOf(Class.forName(type.getName()));
            boolean allowed = Objects.equals(current, type.getRevision());
            if (!allowed) {
                log.info("snapshot of {} at {} has revision {}, today's is {}: loading from the events",
                        snapshot.getAggregateIdentifier(), snapshot.getSequenceNumber(), type.getRevision(), current);
            }
            return allowed;
        } catch (ClassNotFoundException gone) {
            log.info("snapshot of {} names {}, which is gone: loading from the events", snapshot.getAggregateIdentifier(),
                    type.getName());
            return false;
        }
    }

    @Override
    public boolean test(DomainEventData<?> snapshot) {
        return allow(snapshot);
    }
}
