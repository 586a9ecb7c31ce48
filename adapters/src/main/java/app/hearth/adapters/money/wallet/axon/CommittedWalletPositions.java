package app.hearth.adapters.money.wallet.axon;

import app.hearth.adapters.shared.jooq.SpringTransactions;
import app.hearth.application.money.wallet.WalletPositions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Remembers, per wallet, the aggregate sequence of the last event a command on this node appended, once the
 * transaction that appended it committed (never after a rollback): every wallet event published on this node passes
 * the event store's dispatch interceptor (ADR 0048). At most {@link #CAPACITY} wallets, the least recently written
 * forgotten first; a forgotten or another node's wallet reads as unknown.
 */
@Component
public class CommittedWalletPositions implements WalletPositions {

    static final int CAPACITY = 100_000;

    private final Map<String, Long> positions = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > CAPACITY;
        }
    };

    public CommittedWalletPositions(EventStore eventStore) {
        eventStore.registerDispatchInterceptor(this::appended);
    }

    @Override
    public long lastCommitted(String memberId) {
        synchronized (positions) {
            return positions.getOrDefault(memberId, -1L);
        }
    }

    private BiFunction<Integer, EventMessage<?>, EventMessage<?>> appended(List<? extends EventMessage<?>> events) {
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domain
                    && domain.getAggregateIdentifier().startsWith(WalletAggregate.ID_PREFIX)) {
                String memberId = domain.getAggregateIdentifier().substring(WalletAggregate.ID_PREFIX.length());
                long sequence = domain.getSequenceNumber();
                SpringTransactions.runAfterCommit(() -> committed(memberId, sequence));
            }
        }
        return (index, event) -> event;
    }

    private void committed(String memberId, long sequence) {
        synchronized (positions) {
            positions.merge(memberId, sequence, Math::max);
        }
    }
}
