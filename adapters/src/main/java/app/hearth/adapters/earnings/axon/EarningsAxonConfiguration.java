package app.hearth.adapters.earnings.axon;

import app.hearth.adapters.shared.axon.state.AggregateStateConfiguration;
import app.hearth.adapters.shared.axon.state.SnapshotShapes;
import app.hearth.domain.earnings.EarningsAccount;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.ehcache.CacheManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The earnings account's cache and snapshots (ADRs 0041 and 0042): committed accounts only in memory, a snapshot as
 * plain JSON every {@code hearth.earnings.snapshot-every} events.
 */
@Configuration(proxyBeanMethods = false)
public class EarningsAxonConfiguration {

    /**
     * Keeps up to {@code hearth.earnings.account-cache-size} earnings accounts in memory, committed state only.
     * Another node's append to a cached account surfaces as a concurrency conflict; Axon evicts the entry and the
     * command is retried on the fresh stream.
     */
    @Bean
    public Cache earningsAccountCache(CacheManager aggregateCacheManager,
                                      @Value("${hearth.earnings.account-cache-size:10000}") long size,
                                      ObjectProvider<EventStore> eventStore) {
        return AggregateStateConfiguration.committedOnly(aggregateCacheManager, "earnings-accounts", size, eventStore);
    }

    @Bean
    public SnapshotTriggerDefinition earningsAccountSnapshotTrigger(
            Snapshotter snapshotter, @Value("${hearth.earnings.snapshot-every:100}") int every) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, every);
    }

    /** An account's snapshot: {@code {"accountId", "state": {"status": "open", "balance", ..., "movements"}}}. */
    @Bean
    public SnapshotShapes earningsAccountSnapshotShapes() {
        return mapper -> mapper.addMixIn(EarningsAccountAggregate.class, SnapshotShapes.ShellFields.class)
                .addMixIn(EarningsAccount.class, States.class);
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "status")
    @JsonSubTypes({@JsonSubTypes.Type(value = EarningsAccount.Unopened.class, name = "unopened"),
            @JsonSubTypes.Type(value = EarningsAccount.Open.class, name = "open")})
    interface States {
    }
}
