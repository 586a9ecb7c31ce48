package app.hearth.adapters.money.wallet.axon;

import app.hearth.application.money.wallet.WalletHistory;
import app.hearth.domain.money.wallet.WalletEvent;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Reads a wallet straight from Axon's event store. Unlike the aggregate cache of this node, the store also holds
 * what another node appended a moment ago.
 */
@Component
public class AxonWalletHistory implements WalletHistory {

    private final EventStore eventStore;

    public AxonWalletHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public List<WalletEvent> history(String memberId) {
        var events = new ArrayList<WalletEvent>();
        eventStore.readEvents(WalletAggregate.aggregateId(memberId)).asStream()
                .forEach(message -> events.add((WalletEvent) message.getPayload()));
        return events;
    }

    @Override
    public boolean exists(String memberId) {
        return eventStore.lastSequenceNumberFor(WalletAggregate.aggregateId(memberId)).isPresent();
    }
}
