package app.hearth.application.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecentCopiesTest {

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();

    private String read(String key) {
        return key + reads.incrementAndGet();
    }

    @Test
    void a_copy_is_reused_until_it_is_as_old_as_its_lifetime() {
        var copies = new RecentCopies<String>(100, 10, now::get);
        assertThat(copies.get("a", this::read)).isEqualTo("a1");
        now.set(99);
        assertThat(copies.get("a", this::read)).isEqualTo("a1");
        now.set(100);
        assertThat(copies.get("a", this::read)).isEqualTo("a2");
        assertThat(reads).hasValue(2);
    }

    @Test
    void past_its_capacity_it_drops_every_copy() {
        var copies = new RecentCopies<String>(100, 2, now::get);
        copies.get("a", this::read);
        copies.get("b", this::read);
        copies.get("c", this::read); // full: a and b dropped
        assertThat(copies.get("c", this::read)).isEqualTo("c3");
        assertThat(copies.get("a", this::read)).isEqualTo("a4");
    }
}
