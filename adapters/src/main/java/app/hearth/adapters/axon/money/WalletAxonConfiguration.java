package app.hearth.adapters.axon.money;

import app.hearth.domain.money.wallet.WalletCommand;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.EhCache3Adapter;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The wallet aggregate's cache and command routing, as the earnings accounts have theirs. */
@Configuration(proxyBeanMethods = false)
public class WalletAxonConfiguration {

    /**
     * Keeps up to {@code hearth.money.wallet-cache-size} wallets in memory (bounded and strongly held, as for
     * earnings accounts). Another node's append to a cached wallet surfaces as a concurrency conflict; Axon evicts
     * the entry and the command is retried on the fresh stream.
     */
    @Bean
    public Cache walletCache(CacheManager aggregateCacheManager,
                             @Value("${hearth.money.wallet-cache-size:10000}") long size) {
        org.ehcache.Cache<Object, Object> cache = aggregateCacheManager.createCache("wallets",
                CacheConfigurationBuilder.newCacheConfigurationBuilder(Object.class, Object.class,
                        ResourcePoolsBuilder.heap(size)));
        return new EhCache3Adapter((Ehcache) cache);
    }

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
}
