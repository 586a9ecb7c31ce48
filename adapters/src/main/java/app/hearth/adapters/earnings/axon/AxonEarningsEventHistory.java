package app.hearth.adapters.earnings.axon;

import app.hearth.application.earnings.EarningsEventHistory;
import app.hearth.domain.earnings.EarningsEvent;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads earnings accounts straight from Axon's event store, as an auditor would. */
@Component
public class AxonEarningsEventHistory implements EarningsEventHistory {

    private final EventStore eventStore;
    private final JdbcTemplate jdbc;

    public AxonEarningsEventHistory(EventStore eventStore, JdbcTemplate jdbc) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
    }

    @Override
    public List<String> companionIds() {
        return jdbc.queryForList("select distinct aggregate_identifier from domain_event_entry where type = ?"
                        + " order by aggregate_identifier", String.class, "EarningsAccount").stream()
                .map(id -> id.substring(EarningsAccountAggregate.ID_PREFIX.length()))
                .toList();
    }

    @Override
    public List<EarningsEvent> history(String companionId) {
        var events = new ArrayList<EarningsEvent>();
        eventStore.readEvents(EarningsAccountAggregate.aggregateId(companionId), 0).asStream()
                .forEach(message -> events.add((EarningsEvent) message.getPayload()));
        return events;
    }
}
