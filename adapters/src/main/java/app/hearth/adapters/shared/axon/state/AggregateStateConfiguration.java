package app.hearth.adapters.shared.axon.state;

import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.EhCache3Adapter;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What keeps aggregates cheap to load (ADRs 0041 and 0042): the in-memory caches' manager, the snapshot serializer
 * (plain JSON, shaped by each feature's {@link SnapshotShapes}) and the filter that reads only snapshots of today's
 * shape. Each feature declares its own cache ({@link #committedOnly}) and snapshot trigger.
 */
@Configuration(proxyBeanMethods = false)
public class AggregateStateConfiguration {

    /** The in-memory cache of recently used aggregates, closed with the application. */
    @Bean(destroyMethod = "close")
    public CacheManager aggregateCacheManager() {
        return CacheManagerBuilder.newCacheManagerBuilder().build(true);
    }

    /**
     * A bounded, strongly held cache of up to {@code size} aggregates named {@code name}, showing committed state only
     * ({@link CommittedOnlyCache}; {@code eventStore} tells it a stale entry). A weak-reference cache was emptied by every garbage collection (under 2% hits in
     * the credit benchmark).
     */
    public static Cache committedOnly(CacheManager manager, String name, long size,
                                      ObjectProvider<EventStore> eventStore) {
        org.ehcache.Cache<Object, Object> cache = manager.createCache(name,
                CacheConfigurationBuilder.newCacheConfigurationBuilder(Object.class, Object.class,
                        ResourcePoolsBuilder.heap(size)));
        return new CommittedOnlyCache(new EhCache3Adapter((Ehcache) cache),
                identifier -> eventStore.getObject().lastSequenceNumberFor(identifier));
    }

    /**
     * Writes snapshots as plain JSON: an aggregate's fields and its state's records, no Java types but its own. Not a
     * {@code Serializer} bean: Axon's auto-configuration builds its general serializer only while no other unqualified
     * one exists.
     */
    @Bean
    public SnapshotSerializer snapshotSerializer(List<SnapshotShapes> shapes) {
        return new SnapshotSerializer(serializer(shapes));
    }

    /** The serializer of snapshots shaped by {@code shapes}. */
    public static Serializer serializer(List<SnapshotShapes> shapes) {
        return Jackson3Serializer.builder()
                .jsonMapperBuilderCustomizer(mapper -> {
                    mapper.addModule(IdempotencyIndexJson.module());
                    shapes.forEach(shape -> shape.configure(mapper));
                })
                .build();
    }

    /** The serializer the event store writes and reads snapshots with. */
    public record SnapshotSerializer(Serializer serializer) {
    }

    @Bean
    public SnapshotFilter currentRevisionSnapshots() {
        return new CurrentRevisionSnapshots();
    }
}
