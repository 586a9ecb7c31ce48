package app.hearth.domain.access;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.domain.access.CompanionScope.Reach;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reach of lists and figures is the same rule as acting on one companion (ADR 0013, ADR 0034). */
class CompanionScopeTest {

    static final Map<String, String> SUPERVISOR_OF = Map.of("c1", "sue", "c2", "bob");

    @Test
    void aSupervisorsListsCoverTheCompanionsOfTheTeamsTheyLeadAndAdminsEveryone() {
        assertThat(CompanionScope.reachOf(new Actor("sue", Role.SUPERVISOR))).isEqualTo(new Reach.TeamsLedBy("sue"));
        assertThat(CompanionScope.reachOf(new Actor("ada", Role.ADMIN))).isEqualTo(new Reach.Everyone());
        assertThat(CompanionScope.reachOf(new Actor("root", Role.SUPERADMIN))).isEqualTo(new Reach.Everyone());
        assertThat(CompanionScope.reachOf(new Actor("c1", Role.COMPANION))).isEqualTo(new Reach.Nobody());
        assertThat(CompanionScope.reachOf(new Actor("m", Role.MEMBER))).isEqualTo(new Reach.Nobody());

        List<String> lookedUp = new ArrayList<>();
        Reach sue = CompanionScope.reachOf(new Actor("sue", Role.SUPERVISOR));
        assertThat(sue.covers("c1", id -> lookUp(id, lookedUp))).isTrue();
        assertThat(sue.covers("c2", id -> lookUp(id, lookedUp))).isFalse();
        assertThat(sue.covers("c3", id -> lookUp(id, lookedUp))).as("in no team").isFalse();
        assertThat(lookedUp).containsExactly("c1", "c2", "c3");

        lookedUp.clear();
        assertThat(new Reach.Everyone().covers("c2", id -> lookUp(id, lookedUp))).isTrue();
        assertThat(new Reach.Nobody().covers("c1", id -> lookUp(id, lookedUp))).isFalse();
        assertThat(lookedUp).as("no team is looked up when the role alone decides").isEmpty();
    }

    @Test
    void actingOnOneCompanionAgreesWithTheReachForEveryStaffRole() {
        for (Role role : List.of(Role.SUPERVISOR, Role.ADMIN, Role.SUPERADMIN, Role.MEMBER)) {
            Actor actor = new Actor("sue", role);
            for (String companion : List.of("c1", "c2", "c3")) {
                Optional<String> supervisor = Optional.ofNullable(SUPERVISOR_OF.get(companion));
                assertThat(CompanionScope.mayActOn(actor, companion, supervisor)).as(role + " on " + companion)
                        .isEqualTo(CompanionScope.reachOf(actor).covers(supervisor));
            }
        }
    }

    private static Optional<String> lookUp(String companionId, List<String> lookedUp) {
        lookedUp.add(companionId);
        return Optional.ofNullable(SUPERVISOR_OF.get(companionId));
    }
}
