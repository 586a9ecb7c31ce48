package app.hearth.adapters.shared.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

class TimeOrderedIdentifierFactoryTest {

    @Test
    void axonTakesItsIdentifiersFromTheTimeOrderedFactory() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIdentifierFactory.class);
        assertThat(UUID.fromString(IdentifierFactory.getInstance().generateIdentifier()).version()).isEqualTo(7);
    }

    @Test
    void idsAreVersion7WithTheVariantAndTheMillisecondsOfTheirMaking() {
        long before = System.currentTimeMillis();
        UUID id = new TimeOrderedIdentifierFactory().next();
        long after = System.currentTimeMillis();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
    }

    @Test
    void idsIncreaseStrictlyInTheOrderTheyAreMadeEvenBeyond4096InOneMillisecondOrWhenTheClockGoesBack() {
        var clock = new AtomicLong(1_700_000_000_000L);
        var factory = new TimeOrderedIdentifierFactory(clock::get);
        var ids = new ArrayList<String>();
        for (int i = 0; i < 10_000; i++) {
            if (i == 6_000) {
                clock.addAndGet(-5); // a clock step back changes nothing in the order
            }
            ids.add(factory.generateIdentifier());
        }
        assertStrictlyIncreasing(ids);
        assertThat(ids).allSatisfy(id -> assertThat(UUID.fromString(id).version()).isEqualTo(7));
    }

    @Test
    void idsMadeOnManyThreadsAreDistinctAndIncreaseInTheOrderEachThreadMadeThem() throws Exception {
        var factory = new TimeOrderedIdentifierFactory();
        var all = new ConcurrentLinkedQueue<String>();
        var done = new ArrayList<java.util.concurrent.Future<?>>();
        try (var executor = Executors.newFixedThreadPool(4)) {
            for (int t = 0; t < 4; t++) {
                done.add(executor.submit(() -> {
                    var mine = new ArrayList<String>();
                    for (int i = 0; i < 20_000; i++) {
                        mine.add(factory.generateIdentifier());
                    }
                    assertStrictlyIncreasing(mine);
                    all.addAll(mine);
                    return null;
                }));
            }
        }
        for (var thread : done) {
            thread.get();
        }
        assertThat(new HashSet<>(all)).hasSize(80_000);
    }

    /** Text order is the order of the index on {@code event_identifier} (fixed-width lower-case hex). */
    private static void assertStrictlyIncreasing(List<String> ids) {
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i)).as("id %d after %s", i, ids.get(i - 1)).isGreaterThan(ids.get(i - 1));
        }
    }
}
