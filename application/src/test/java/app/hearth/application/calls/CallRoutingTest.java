package app.hearth.application.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.application.calls.CallRouting.Candidate;
import app.hearth.domain.shared.RuleViolation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Routing for "anyone available": a policy over what was found, without I/O. */
class CallRoutingTest {

    @Test
    void onlyAvailableCompanionsOtherThanTheMemberAreEligible() {
        var found = List.of(new Candidate("c-1", true), new Candidate("c-2", false), new Candidate("m-1", true),
                new Candidate("c-3", true));
        assertThat(CallRouting.eligible("m-1", found)).containsExactly("c-1", "c-3");
    }

    @Test
    void companionsInACallAreNotFree() {
        assertThat(CallRouting.free(List.of("c-1", "c-2", "c-3"), Set.of("c-2"))).containsExactly("c-1", "c-3");
    }

    @Test
    void noneFreeIsTheConflictNoCompanionAvailable() {
        assertThatThrownBy(() -> CallRouting.free(List.of("c-1"), Set.of("c-1")))
                .isInstanceOfSatisfying(RuleViolation.class, refused -> {
                    assertThat(refused.code()).isEqualTo("NO_COMPANION_AVAILABLE");
                    assertThat(refused.category()).isEqualTo(RuleViolation.Category.CONFLICT);
                });
        assertThatThrownBy(() -> CallRouting.free(List.of(), Set.of())).isInstanceOf(RuleViolation.class);
    }

    @Test
    void theFewestCallsTodayRingFirstThenById() {
        var order = CallRouting.ringOrder(List.of("c-3", "c-1", "c-4", "c-2"),
                Map.of("c-1", 5L, "c-2", 1L, "c-3", 1L));
        assertThat(order).as("c-4 had none today; c-2 and c-3 one each, by id; c-1 five")
                .containsExactly("c-4", "c-2", "c-3", "c-1");
    }
}
