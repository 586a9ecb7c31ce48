package app.hearth.adapters.money.wallet.axon;

import app.hearth.application.money.wallet.WalletHistory;
import app.hearth.domain.money.wallet.Wallet;
import app.hearth.domain.money.wallet.WalletDecider;
import app.hearth.domain.money.wallet.WalletEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
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
        eventStore.readEvents(WalletAggregate.aggregateId(memberId), 0).asStream()
                .forEach(message -> events.add((WalletEvent) message.getPayload()));
        return events;
    }

    /** The wallet from its last snapshot and the events after it (ADR 0041): what a command's load costs. */
    @Override
    public Wallet current(String memberId) {
        Wallet state = WalletDecider.initialState();
        DomainEventStream stream = eventStore.readEvents(WalletAggregate.aggregateId(memberId));
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            state = message.getPayload() instanceof WalletAggregate snapshot ? snapshot.state()
                    : WalletDecider.evolve(state, (WalletEvent) message.getPayload());
        }
        return state;
    }

    @Override
    public boolean exists(String memberId) {
        return eventStore.lastSequenceNumberFor(WalletAggregate.aggregateId(memberId)).isPresent();
    }
}
