package app.hearth.adapters.money.wallet.axon;

import app.hearth.adapters.shared.axon.state.AggregateStateConfiguration;
import app.hearth.adapters.shared.axon.state.SnapshotShapes;
import app.hearth.domain.money.wallet.Wallet;
import app.hearth.domain.money.wallet.WalletCommand;
import app.hearth.domain.money.wallet.VersionPart;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.ehcache.CacheManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The wallet aggregate's command routing, its cache and its snapshots. The cache shows committed wallets only
 * (ADR 0042, which lifts ADR 0018's "no cache"): a wallet command may run inside a caller's transaction, and a wallet
 * it changed is cached again only once that transaction committed. A snapshot is taken every
 * {@code hearth.wallet.snapshot-every} events, as plain JSON (ADR 0041).
 */
@Configuration(proxyBeanMethods = false)
public class WalletAxonConfiguration {

    /** Routes every wallet command to the wallet of the member it names. */
    @Bean
    public CommandTargetResolver walletCommandTargetResolver() {
        return command -> {
            if (command.getPayload() instanceof WalletCommand wallet) {
                return new VersionedAggregateIdentifier(WalletAggregate.aggregateId(wallet.memberId()), null);
            }
            throw new IllegalArgumentException("no wallet routing for " + command.getPayloadType());
        };
    }

    /** Up to {@code hearth.wallet.cache-size} wallets in memory, committed state only. */
    @Bean
    public Cache walletCache(CacheManager aggregateCacheManager,
                             @Value("${hearth.wallet.cache-size:10000}") long size,
                             ObjectProvider<EventStore> eventStore) {
        return AggregateStateConfiguration.committedOnly(aggregateCacheManager, "wallets", size, eventStore);
    }

    /** A snapshot of a wallet after every {@code hearth.wallet.snapshot-every} events it was loaded with or applied. */
    @Bean
    public SnapshotTriggerDefinition walletSnapshotTrigger(Snapshotter snapshotter,
                                                           @Value("${hearth.wallet.snapshot-every:100}") int every) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, every);
    }

    /** A wallet's snapshot: {@code {"walletId", "state": {"status": "open", ..., "part": {"version": ...}}}}. */
    @Bean
    public SnapshotShapes walletSnapshotShapes() {
        return mapper -> mapper.addMixIn(WalletAggregate.class, SnapshotShapes.ShellFields.class)
                .addMixIn(Wallet.class, States.class)
                .addMixIn(VersionPart.class, Parts.class);
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "status")
    @JsonSubTypes({@JsonSubTypes.Type(value = Wallet.Unopened.class, name = "unopened"),
            @JsonSubTypes.Type(value = Wallet.Open.class, name = "open")})
    interface States {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = VersionPart.Tokens.class, name = "tokens"),
            @JsonSubTypes.Type(value = VersionPart.Tiers.class, name = "tiers"),
            @JsonSubTypes.Type(value = VersionPart.Moments.class, name = "moments")})
    interface Parts {
    }
}
