package app.hearth.domain.companions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.shared.RuleViolation;
import org.junit.jupiter.api.Test;

class FavoritesTest {

    @Test
    void onlyMembersKeepFavorites() {
        assertThatCode(() -> Favorites.requireMember(new Actor("m", Role.MEMBER))).doesNotThrowAnyException();
        for (Role role : Role.values()) {
            if (role != Role.MEMBER) {
                assertThatThrownBy(() -> Favorites.requireMember(new Actor("x", role)))
                        .isInstanceOfSatisfying(RuleViolation.class, refused -> {
                            assertThat(refused.code())
                                    .isEqualTo(Favorites.MEMBERS_ONLY);
                            assertThat(refused.category())
                                    .isEqualTo(RuleViolation.Category.FORBIDDEN);
                        });
            }
        }
    }

    @Test
    void aHundredthFavoriteFitsAndAHundredAndFirstDoesNot() {
        assertThatCode(() -> Favorites.requireRoom(Favorites.MOST - 1)).doesNotThrowAnyException();
        assertThatThrownBy(() -> Favorites.requireRoom(Favorites.MOST))
                .isInstanceOfSatisfying(RuleViolation.class, refused -> assertThat(refused.code()).isEqualTo(Favorites.FULL));
    }
}
