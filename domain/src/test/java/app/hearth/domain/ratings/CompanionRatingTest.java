package app.hearth.domain.ratings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompanionRatingTest {

    private static final RatingPolicy POLICY = RatingPolicy.DEFAULTS;
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private static List<CompanionRating.Given> fives(int n, Instant at) {
        var given = new ArrayList<CompanionRating.Given>();
        for (int i = 0; i < n; i++) {
            given.add(new CompanionRating.Given(5, at));
        }
        return given;
    }

    @Test
    void noRatingInTheWindowIsNoRatingAtAllNotThePrior() {
        assertThat(CompanionRating.at(NOW, List.of(), POLICY)).isEqualTo(CompanionRating.NONE);
        assertThat(CompanionRating.NONE.stars()).isNull();
    }

    @Test
    void theAverageIsPulledTowardsThePriorOf450WithTheWeightOfFiveRatings() {
        var one = CompanionRating.at(NOW, fives(1, NOW), POLICY);
        assertThat(one.hundredths()).isEqualTo(458); // (22.5 + 5) / 6 = 4.583
        assertThat(one.count()).isEqualTo(1);
        var lowOne = CompanionRating.at(NOW, List.of(new CompanionRating.Given(1, NOW)), POLICY);
        assertThat(lowOne.hundredths()).isEqualTo(392); // (22.5 + 1) / 6 = 3.9167
    }

    @Test
    void eightFiveStarRatingsReach480AndSevenDoNot() {
        assertThat(CompanionRating.at(NOW, fives(7, NOW), POLICY).hundredths()).isEqualTo(479); // 57.5 / 12
        var eight = CompanionRating.at(NOW, fives(8, NOW), POLICY);
        assertThat(eight.hundredths()).isEqualTo(481); // 62.5 / 13 = 4.8077
        assertThat(eight.stars()).isEqualTo(4.81);
    }

    @Test
    void roundsHalfUpToHundredths() {
        // (22.5 + 5 + 4 + 4) / 8 = 4.4375 -> 4.44
        var given = List.of(new CompanionRating.Given(5, NOW), new CompanionRating.Given(4, NOW),
                new CompanionRating.Given(4, NOW));
        assertThat(CompanionRating.at(NOW, given, POLICY).hundredths()).isEqualTo(444);
    }

    @Test
    void ratingsFirstGivenThirtyDaysAgoOrEarlierLeaveTheWindowAndTheOldestSaysWhenToComputeAgain() {
        Instant old = NOW.minus(Duration.ofDays(30));
        Instant recent = NOW.minus(Duration.ofDays(29));
        var given = List.of(new CompanionRating.Given(1, old), new CompanionRating.Given(5, recent),
                new CompanionRating.Given(3, NOW.minus(Duration.ofDays(2))));
        var rating = CompanionRating.at(NOW, given, POLICY);
        assertThat(rating.count()).isEqualTo(2);
        assertThat(rating.hundredths()).isEqualTo(436); // (22.5 + 8) / 7 = 4.357
        assertThat(rating.nextChangeAt()).isEqualTo(recent.plus(Duration.ofDays(30)));

        var later = CompanionRating.at(rating.nextChangeAt(), given, POLICY);
        assertThat(later.count()).isEqualTo(1);
        assertThat(later.hundredths()).isEqualTo(425); // (22.5 + 3) / 6
    }

    @Test
    void thePriorAndItsWeightAreConfiguration() {
        var noPrior = new RatingPolicy(Duration.ofHours(24), Duration.ofDays(7), Duration.ofDays(30), 450, 0, 2);
        assertThat(CompanionRating.at(NOW, List.of(new CompanionRating.Given(3, NOW)), noPrior).hundredths())
                .isEqualTo(300);
    }
}
