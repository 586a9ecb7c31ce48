package app.hearth.domain.ratings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.domain.shared.RuleViolation;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RatingRulesTest {

    private static final RatingPolicy POLICY = RatingPolicy.DEFAULTS;
    private static final Instant ENDED = Instant.parse("2026-12-07T12:00:00Z");
    private static final RatingSubject CALL = new RatingSubject.Call("call-1");

    private static Rating given(int stars, Set<RatingTag> tags, Instant at) {
        return Rating.give("r-1", CALL, "m1", "c1", new Score(stars), tags, ENDED, at, POLICY);
    }

    private static RuleViolation refusal(Runnable rule) {
        try {
            rule.run();
        } catch (RuleViolation violation) {
            return violation;
        }
        throw new AssertionError("not refused");
    }

    @Test
    void aScoreIsOneToFiveStarsAndTheFieldAtFaultIsNamed() {
        for (int stars = 1; stars <= 5; stars++) {
            assertThat(new Score(stars).stars()).isEqualTo(stars);
        }
        for (Integer bad : new Integer[] {0, 6, -1, null}) {
            var refused = refusal(() -> Score.of(bad));
            assertThat(refused.code()).isEqualTo(Score.OUT_OF_RANGE);
            assertThat(refused.field()).isEqualTo("score");
            assertThat(refused.category()).isEqualTo(RuleViolation.Category.INVALID);
        }
    }

    @Test
    void tagsComeFromAFixedSetByTheirWireNames() {
        assertThat(RatingTag.parseAll(List.of("kind", "felt_unsafe", "kind")))
                .containsExactlyInAnyOrder(RatingTag.KIND, RatingTag.FELT_UNSAFE);
        assertThat(RatingTag.parseAll(null)).isEmpty();
        assertThat(RatingTag.GOOD_LISTENER.wire()).isEqualTo("good_listener");
        var refused = refusal(() -> RatingTag.parseAll(List.of("kind", "grumpy")));
        assertThat(refused.code()).isEqualTo(RatingTag.UNKNOWN);
        assertThat(refused.field()).isEqualTo("tags");
        assertThat(refusal(() -> RatingTag.parse("KIND")).code()).isEqualTo(RatingTag.UNKNOWN);
    }

    @Test
    void aRatingIsGivenWithinSevenDaysOfItsSubjectsEndAndChangedWithin24HoursOfBeingGiven() {
        Instant at = ENDED.plus(Duration.ofMinutes(5));
        Rating rating = given(4, Set.of(RatingTag.KIND), at);
        assertThat(rating.givenAt()).isEqualTo(at);
        assertThat(rating.changeableUntil(POLICY)).isEqualTo(at.plus(Duration.ofHours(24)));

        Rating changed = rating.change(new Score(5), Set.of(), at.plus(Duration.ofHours(24)), POLICY);
        assertThat(changed.score().stars()).isEqualTo(5);
        assertThat(changed.tags()).isEmpty();
        assertThat(changed.givenAt()).as("a change does not move the window").isEqualTo(at);
        assertThat(changed.changedAt()).isEqualTo(at.plus(Duration.ofHours(24)));

        var late = refusal(() -> changed.change(new Score(1), Set.of(), at.plus(Duration.ofHours(24))
                .plusNanos(1000), POLICY));
        assertThat(late.code()).isEqualTo(Rating.CLOSED);
        assertThat(late.category()).isEqualTo(RuleViolation.Category.CONFLICT);

        assertThat(given(5, Set.of(), ENDED.plus(Duration.ofDays(7))).score().stars()).isEqualTo(5);
        assertThat(refusal(() -> given(5, Set.of(), ENDED.plus(Duration.ofDays(7)).plusSeconds(1))).code())
                .isEqualTo(Rating.CLOSED);
    }

    @Test
    void aScoreOfOneOrTwoOrTheTagFeltUnsafeCallsForAReviewCase() {
        Instant at = ENDED.plusSeconds(1);
        assertThat(given(1, Set.of(), at).reviewReason(POLICY)).hasValue("LOW_SCORE");
        assertThat(given(2, Set.of(RatingTag.LATE), at).reviewReason(POLICY)).hasValue("LOW_SCORE");
        assertThat(given(3, Set.of(RatingTag.RUDE), at).reviewReason(POLICY)).isEmpty();
        assertThat(given(5, Set.of(RatingTag.FELT_UNSAFE), at).reviewReason(POLICY)).hasValue("FELT_UNSAFE");
        assertThat(given(2, Set.of(RatingTag.FELT_UNSAFE), at).reviewReason(POLICY))
                .hasValue("LOW_SCORE,FELT_UNSAFE");

        var opened = ModerationCase.forRating("case-1", given(1, Set.of(), at), "team-1", at, POLICY).orElseThrow();
        assertThat(opened.source()).isEqualTo(CaseSource.RATING);
        assertThat(opened.reference()).isEqualTo("r-1");
        assertThat(opened.companionId()).isEqualTo("c1");
        assertThat(opened.teamId()).isEqualTo("team-1");
        assertThat(opened.status()).isEqualTo(CaseStatus.OPEN);
        assertThat(ModerationCase.forRating("case-2", given(4, Set.of(), at), "team-1", at, POLICY)).isEmpty();
    }

    @Test
    void oneRatingPerCallAndPerConversationDay() {
        assertThat(new RatingSubject.Call("x").key()).isEqualTo("call:x");
        var day = new RatingSubject.ConversationDay("conv", LocalDate.parse("2026-12-07"));
        assertThat(day.key()).isEqualTo("conversation:conv:2026-12-07");
        assertThat(day).isEqualTo(new RatingSubject.ConversationDay("conv", LocalDate.parse("2026-12-07")));
    }

    @Test
    void aConversationDayIsALocalDayOfTheMembersZoneEvenWhenTheClocksChange() {
        ZoneId london = ZoneId.of("Europe/London");
        LocalDate autumn = LocalDate.parse("2026-10-25"); // 25 hours
        assertThat(ConversationDays.start(autumn, london)).isEqualTo(Instant.parse("2026-10-24T23:00:00Z"));
        assertThat(ConversationDays.end(autumn, london)).isEqualTo(Instant.parse("2026-10-26T00:00:00Z"));
    }

    @Test
    void thePolicyRefusesNonsense() {
        assertThatThrownBy(() -> new RatingPolicy(Duration.ofHours(24), Duration.ofDays(7), Duration.ZERO, 450, 5, 2))
                .isInstanceOf(RuleViolation.class);
        assertThatThrownBy(() -> new RatingPolicy(Duration.ofHours(24), Duration.ofDays(7), Duration.ofDays(30), 600,
                5, 2)).isInstanceOf(RuleViolation.class);
    }
}
