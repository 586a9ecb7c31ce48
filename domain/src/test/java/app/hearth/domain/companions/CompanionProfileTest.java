package app.hearth.domain.companions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.shared.TimeZones;
import app.hearth.domain.skills.SkillCategory;
import java.time.Year;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompanionProfileTest {

    private static final Year THIS_YEAR = Year.of(2026);

    private static CompanionProfile profile(Set<String> languages, int experience) {
        return new CompanionProfile("Ada", "I love a long chat", null, languages, Gender.FEMALE, 1960,
                Set.of(SkillCategory.MUSIC), experience, ZoneId.of("Europe/Berlin"));
    }

    @Test
    void languages_are_canonical_iso_codes() {
        assertThat(profile(Set.of("EN", "de"), 3).languages()).containsExactlyInAnyOrder("en", "de");
        assertThatThrownBy(() -> profile(Set.of("english"), 3)).hasFieldOrPropertyWithValue("code",
                "INVALID_LANGUAGE");
        assertThatThrownBy(() -> profile(Set.of(), 3)).hasFieldOrPropertyWithValue("code", "FIELD_REQUIRED");
    }

    @Test
    void companions_are_adults_born_after_1900() {
        assertThat(CompanionProfile.requireAdultBirthYear(2008, THIS_YEAR)).isEqualTo(2008);
        assertThatThrownBy(() -> CompanionProfile.requireAdultBirthYear(2009, THIS_YEAR))
                .hasFieldOrPropertyWithValue("code", CompanionProfile.INVALID_BIRTH_YEAR);
        assertThatThrownBy(() -> CompanionProfile.requireAdultBirthYear(1899, THIS_YEAR))
                .hasFieldOrPropertyWithValue("code", CompanionProfile.INVALID_BIRTH_YEAR);
    }

    @Test
    void experience_time_zone_and_skills_are_checked() {
        assertThatThrownBy(() -> profile(Set.of("en"), -1)).hasFieldOrPropertyWithValue("code",
                CompanionProfile.INVALID_EXPERIENCE);
        assertThatThrownBy(() -> TimeZones.require("Mars/Olympus", "timeZone"))
                .hasFieldOrPropertyWithValue("code", CompanionProfile.INVALID_TIME_ZONE);
        assertThat(CompanionProfile.skills(List.of("music", "LISTENING")))
                .containsExactlyInAnyOrder(SkillCategory.MUSIC, SkillCategory.LISTENING);
        assertThatThrownBy(() -> CompanionProfile.skills(List.of("juggling")))
                .hasFieldOrPropertyWithValue("code", SkillCategory.UNKNOWN);
        assertThat(profile(Set.of("en"), 0).region()).isEqualTo("Europe");
    }

    @Test
    void the_search_filters_refuse_nonsense() {
        assertThatThrownBy(() -> new CompanionSearch(null, null, 40, 30, null, null, null, null, null))
                .hasFieldOrPropertyWithValue("code", CompanionSearch.INVALID_FILTER);
        assertThatThrownBy(() -> new CompanionSearch(null, null, 12, null, null, null, null, null, null))
                .hasFieldOrPropertyWithValue("code", CompanionSearch.INVALID_FILTER);
        assertThatThrownBy(() -> new CompanionSearch(null, null, null, null, null, null, 5.5, null, null))
                .hasFieldOrPropertyWithValue("code", CompanionSearch.INVALID_FILTER);
        assertThatThrownBy(() -> new CompanionSearch(null, null, null, null, null, null, null, null, "Atlantis"))
                .hasFieldOrPropertyWithValue("code", CompanionSearch.INVALID_FILTER);
        var search = new CompanionSearch("EN", null, 30, 50, null, null, 4.5, null, "europe");
        assertThat(search.language()).isEqualTo("en");
        assertThat(search.latestBirthYear(THIS_YEAR)).isEqualTo(1996);
        assertThat(search.earliestBirthYear(THIS_YEAR)).isEqualTo(1976);
    }

    @Test
    void supervisors_suspend_only_companions_of_their_own_team() {
        var supervisor = new Actor("sup-1", Role.SUPERVISOR);
        CompanionRules.requireMaySuspend(supervisor, "c-1", Optional.of("sup-1"));
        assertThatThrownBy(() -> CompanionRules.requireMaySuspend(supervisor, "c-2", Optional.of("sup-2")))
                .hasFieldOrPropertyWithValue("code", "COMPANION_OUTSIDE_YOUR_TEAM");
        assertThatThrownBy(() -> CompanionRules.requireMaySuspend(supervisor, "c-3", Optional.empty()))
                .hasFieldOrPropertyWithValue("code", "COMPANION_OUTSIDE_YOUR_TEAM");
        assertThatThrownBy(() -> CompanionRules.requireMaySuspend(new Actor("c-1", Role.COMPANION), "c-1",
                Optional.of("sup-1"))).hasFieldOrPropertyWithValue("code", CompanionRules.FORBIDDEN);
        CompanionRules.requireMaySuspend(new Actor("boss", Role.ADMIN), "c-2", Optional.empty());
    }

    @Test
    void status_moves_between_invited_active_and_suspended() {
        assertThat(CompanionRules.afterProfileSaved(CompanionStatus.INVITED)).isEqualTo(CompanionStatus.ACTIVE);
        assertThat(CompanionRules.afterProfileSaved(CompanionStatus.SUSPENDED)).isEqualTo(CompanionStatus.SUSPENDED);
        assertThat(CompanionRules.suspend(CompanionStatus.ACTIVE)).isEqualTo(CompanionStatus.SUSPENDED);
        assertThatThrownBy(() -> CompanionRules.suspend(CompanionStatus.SUSPENDED))
                .hasFieldOrPropertyWithValue("code", CompanionRules.ALREADY_SUSPENDED);
        assertThat(CompanionRules.reinstate(CompanionStatus.SUSPENDED, true)).isEqualTo(CompanionStatus.ACTIVE);
        assertThat(CompanionRules.reinstate(CompanionStatus.SUSPENDED, false)).isEqualTo(CompanionStatus.INVITED);
        assertThatThrownBy(() -> CompanionRules.reinstate(CompanionStatus.ACTIVE, true))
                .hasFieldOrPropertyWithValue("code", CompanionRules.NOT_SUSPENDED);
    }
}
