package app.hearth.adapters.access.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.domain.access.Role;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** When a remembered role may be used, and when it must be read again. */
class RecentRolesTest {

    private final Map<String, Role> recorded = new HashMap<>(Map.of("ann", Role.ADMIN));
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong generation = new AtomicLong(1);
    private final AtomicLong nanos = new AtomicLong();
    private Function<String, Role> registry = userId -> {
        reads.incrementAndGet();
        return recorded.getOrDefault(userId, Role.MEMBER);
    };

    private RecentRoles recent(Duration longest) {
        return new RecentRoles(userId -> registry.apply(userId), generation::get, longest, nanos::get);
    }

    @Test
    void aRoleIsReadOnceAndThenRememberedWhileNothingChanged() {
        var recent = recent(Duration.ofMinutes(1));
        assertThat(recent.roleOf("ann")).isEqualTo(Role.ADMIN);
        assertThat(recent.roleOf("ann")).isEqualTo(Role.ADMIN);
        assertThat(recent.roleOf("bob")).isEqualTo(Role.MEMBER);
        assertThat(recent.roleOf("bob")).isEqualTo(Role.MEMBER);
        assertThat(reads).hasValue(2);
        assertThat(recent.size()).isEqualTo(2);
    }

    @Test
    void aForgottenRoleIsReadAgain() {
        var recent = recent(Duration.ofMinutes(1));
        recent.roleOf("ann");
        recorded.put("ann", Role.MEMBER);
        recent.forget("ann");
        assertThat(recent.roleOf("ann")).isEqualTo(Role.MEMBER);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aReadThatRacedWithAChangeIsUsedOnceButNotRemembered() {
        var recent = recent(Duration.ofMinutes(1));
        // the read sees the old role; the change commits and is forgotten while the read is on its way back
        registry = userId -> {
            reads.incrementAndGet();
            Role before = recorded.getOrDefault(userId, Role.MEMBER);
            recorded.put(userId, Role.MEMBER);
            recent.forget(userId);
            return before;
        };
        assertThat(recent.roleOf("ann")).isEqualTo(Role.ADMIN);
        registry = userId -> {
            reads.incrementAndGet();
            return recorded.getOrDefault(userId, Role.MEMBER);
        };
        assertThat(recent.roleOf("ann")).isEqualTo(Role.MEMBER);
        assertThat(reads).hasValue(2);
    }

    @Test
    void nothingIsUsedFromMemoryWhileNoConnectionListensNorAfterANewOneReplacedIt() {
        var recent = recent(Duration.ofMinutes(1));
        recent.roleOf("ann");
        generation.set(0); // the listening connection failed: a change on another node could go unheard
        recent.roleOf("ann");
        recent.roleOf("ann");
        assertThat(reads).hasValue(3);
        generation.set(2); // listening again, on a new connection: what was read before is not trusted
        recent.roleOf("ann");
        recent.roleOf("ann");
        assertThat(reads).hasValue(4);
    }

    @Test
    void nothingIsUsedLongerThanTheLongestTime() {
        var recent = recent(Duration.ofSeconds(60));
        recent.roleOf("ann");
        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        recent.roleOf("ann");
        assertThat(reads).hasValue(1);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        recent.roleOf("ann");
        assertThat(reads).hasValue(2);
    }

    @Test
    void zeroRemembersNothingAndANegativeTimeIsRefused() {
        var recent = recent(Duration.ZERO);
        recent.roleOf("ann");
        recent.roleOf("ann");
        assertThat(reads).hasValue(2);
        assertThat(recent.size()).isZero();
        assertThatThrownBy(() -> recent(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
