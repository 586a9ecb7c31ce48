package app.hearth.application.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentlySeenTest {

    @Test
    void remembersTheLastValueSeenUnderAKeyUntilForgotten() {
        var seen = new RecentlySeen(10);
        assertThat(seen.saw("m-1", "UTC@1")).isFalse();
        seen.see("m-1", "UTC@1");
        assertThat(seen.saw("m-1", "UTC@1")).isTrue();
        assertThat(seen.saw("m-1", "Europe/Paris@2")).isFalse();
        seen.see("m-1", "Europe/Paris@2");
        assertThat(seen.saw("m-1", "UTC@1")).isFalse();
        seen.forget("m-1");
        assertThat(seen.saw("m-1", "Europe/Paris@2")).isFalse();
    }

    @Test
    void forgetsTheLeastRecentlyUsedBeyondItsCapacity() {
        var seen = new RecentlySeen(2);
        seen.see("a", "1");
        seen.see("b", "1");
        assertThat(seen.saw("a", "1")).isTrue(); // a is now the most recently used
        seen.see("c", "1");
        assertThat(seen.saw("b", "1")).isFalse();
        assertThat(seen.saw("a", "1")).isTrue();
        assertThat(seen.saw("c", "1")).isTrue();
    }
}
