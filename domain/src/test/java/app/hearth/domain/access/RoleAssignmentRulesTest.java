package app.hearth.domain.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.domain.shared.RuleViolation;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoleAssignmentRulesTest {

    private static Actor actor(Role role) {
        return new Actor("boss", role);
    }

    @ParameterizedTest(name = "{0} grants {2} to a {1}: {3}")
    @CsvSource({
            "SUPERADMIN, MEMBER, ADMIN, allowed",
            "SUPERADMIN, ADMIN, COMPANION, allowed",
            "SUPERADMIN, MEMBER, SUPERVISOR, allowed",
            "SUPERADMIN, MEMBER, SUPERADMIN, ROLE_CHANGE_FORBIDDEN",
            "SUPERADMIN, SUPERADMIN, ADMIN, ROLE_CHANGE_FORBIDDEN",
            "ADMIN, MEMBER, COMPANION, allowed",
            "ADMIN, COMPANION, SUPERVISOR, allowed",
            "ADMIN, MEMBER, ADMIN, ROLE_CHANGE_FORBIDDEN",
            "ADMIN, ADMIN, COMPANION, ROLE_CHANGE_FORBIDDEN",
            "ADMIN, SUPERADMIN, COMPANION, ROLE_CHANGE_FORBIDDEN",
            "SUPERVISOR, MEMBER, COMPANION, ROLE_CHANGE_FORBIDDEN",
            "COMPANION, MEMBER, COMPANION, ROLE_CHANGE_FORBIDDEN",
            "MEMBER, MEMBER, COMPANION, ROLE_CHANGE_FORBIDDEN",
            "ADMIN, COMPANION, MEMBER, ROLE_NOT_GRANTABLE"
    })
    void whoMayGrantWhat(Role actorRole, Role current, Role target, String expected) {
        var grant = assertThatCode(() -> RoleAssignmentRules.requireMayAssign(actor(actorRole), "u", current, target));
        if (expected.equals("allowed")) {
            grant.doesNotThrowAnyException();
        } else {
            grant.isInstanceOf(RuleViolation.class).extracting(e -> ((RuleViolation) e).code()).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0} revokes {2} held by a {1}: {3}")
    @CsvSource({
            "SUPERADMIN, ADMIN, ADMIN, allowed",
            "ADMIN, ADMIN, ADMIN, ROLE_CHANGE_FORBIDDEN",
            "ADMIN, SUPERVISOR, SUPERVISOR, allowed",
            "ADMIN, COMPANION, COMPANION, allowed",
            "ADMIN, COMPANION, SUPERVISOR, ROLE_NOT_HELD",
            "SUPERVISOR, COMPANION, COMPANION, ROLE_CHANGE_FORBIDDEN",
            "SUPERADMIN, SUPERADMIN, SUPERADMIN, ROLE_CHANGE_FORBIDDEN",
            "ADMIN, MEMBER, MEMBER, ROLE_CHANGE_FORBIDDEN"
    })
    void whoMayRevokeWhat(Role actorRole, Role current, Role role, String expected) {
        var revoke = assertThatCode(() -> RoleAssignmentRules.requireMayRevoke(actor(actorRole), "u", current, role));
        if (expected.equals("allowed")) {
            revoke.doesNotThrowAnyException();
        } else {
            revoke.isInstanceOf(RuleViolation.class).extracting(e -> ((RuleViolation) e).code()).isEqualTo(expected);
        }
    }

    @Test
    void nobodyChangesTheirOwnRole() {
        assertThatThrownBy(() -> RoleAssignmentRules.requireMayAssign(new Actor("me", Role.SUPERADMIN), "me",
                Role.SUPERADMIN, Role.ADMIN))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.code()).isEqualTo("OWN_ROLE_CHANGE_FORBIDDEN"));
        assertThatThrownBy(() -> RoleAssignmentRules.requireMayRevoke(new Actor("me", Role.ADMIN), "me",
                Role.ADMIN, Role.ADMIN))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.code()).isEqualTo("OWN_ROLE_CHANGE_FORBIDDEN"));
    }

    @Test
    void aSupervisorActsOnlyOnTheirOwnTeam() {
        var supervisor = new Actor("sue", Role.SUPERVISOR);
        assertThat(CompanionScope.mayActOn(supervisor, "c1", Optional.of("sue"))).isTrue();
        assertThat(CompanionScope.mayActOn(supervisor, "c2", Optional.of("bob"))).isFalse();
        assertThat(CompanionScope.mayActOn(supervisor, "c3", Optional.empty())).isFalse();
        assertThat(CompanionScope.mayActOn(new Actor("ada", Role.ADMIN), "c2", Optional.empty())).isTrue();
        assertThat(CompanionScope.mayActOn(new Actor("c1", Role.COMPANION), "c1", Optional.of("sue"))).isTrue();
        assertThat(CompanionScope.mayActOn(new Actor("c1", Role.COMPANION), "c2", Optional.of("sue"))).isFalse();
        assertThat(CompanionScope.mayActOn(new Actor("m", Role.MEMBER), "c1", Optional.of("sue"))).isFalse();
        assertThatThrownBy(() -> CompanionScope.requireMayActOn(supervisor, "c2", Optional.of("bob"), "X"))
                .isInstanceOfSatisfying(RuleViolation.class, v -> {
                    assertThat(v.code()).isEqualTo(CompanionScope.OUTSIDE_TEAM);
                    assertThat(v.category()).isEqualTo(RuleViolation.Category.FORBIDDEN);
                });
    }
}
