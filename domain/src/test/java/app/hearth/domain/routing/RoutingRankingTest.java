package app.hearth.domain.routing;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.domain.companions.Gender;
import app.hearth.domain.skills.SkillCategory;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The routing rules of semantics.md, one by one, and every tie-break after them. */
class RoutingRankingTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final RoutingRequest MEMBER = new RoutingRequest("m1", List.of("en", "de"),
            Set.of("MUSIC", "BOOKS_AND_FILMS"), RoutingFilters.NONE, Set.of());

    /** A plain candidate: speaks English, no continuity, no shared interest, idle an hour, nobody offered. */
    private static RoutingCandidate plain(String id) {
        return new RoutingCandidate(id, Set.of("en"), Set.of("LISTENING"), "FEMALE", null, null, 0,
                NOW.minusSeconds(3600), 0);
    }

    private static RoutingCandidate with(RoutingCandidate c, Integer favoriteRank, Instant talked, Set<String> skills,
                                         long connected, Instant idle, int offered) {
        return new RoutingCandidate(c.companionId(), c.languages(), skills, c.gender(), favoriteRank, talked,
                connected, idle, offered);
    }

    private static RoutingDecision rank(RoutingCandidate... candidates) {
        return RoutingRanking.rank(MEMBER, List.of(candidates));
    }

    @Test
    void onlyCompanionsWhoSpeakOneOfTheMembersLanguagesAndAreNotTheMemberOrAlreadyOfferedAreEligible() {
        var french = new RoutingCandidate("fr", Set.of("fr"), Set.of(), null, null, null, 0, NOW, 0);
        var german = new RoutingCandidate("de", Set.of("de", "fr"), Set.of(), null, null, null, 0, NOW, 0);
        var self = plain("m1");
        var offered = plain("offered");
        var request = new RoutingRequest("m1", List.of("en", "de"), Set.of(), RoutingFilters.NONE, Set.of("offered"));
        var decision = RoutingRanking.rank(request, List.of(french, german, self, offered));
        assertThat(decision.order()).containsExactly("de");
        assertThat(decision.rule()).isEqualTo(RoutingRule.ONLY_CANDIDATE);
    }

    @Test
    void nobodyEligibleIsNoneAvailable() {
        var decision = RoutingRanking.rank(MEMBER, List.of());
        assertThat(decision.order()).isEmpty();
        assertThat(decision.rule()).isEqualTo(RoutingRule.NONE_AVAILABLE);
        assertThat(decision.ruleFor(null)).isEqualTo(RoutingRule.NONE_AVAILABLE);
    }

    @Test
    void theFiltersNarrowByLanguageGenderAndSkill() {
        var a = new RoutingCandidate("a", Set.of("en", "de"), Set.of("MUSIC"), "MALE", null, null, 0, NOW, 0);
        var b = new RoutingCandidate("b", Set.of("en"), Set.of("MUSIC"), "FEMALE", null, null, 0, NOW, 0);
        var c = new RoutingCandidate("c", Set.of("de"), Set.of("LISTENING"), "FEMALE", null, null, 0, NOW, 0);
        assertThat(RoutingRanking.rank(filtered(new RoutingFilters("de", null, null)), List.of(a, b, c)).order())
                .containsExactlyInAnyOrder("a", "c");
        assertThat(RoutingRanking.rank(filtered(new RoutingFilters(null, Gender.FEMALE, null)), List.of(a, b, c))
                .order()).containsExactlyInAnyOrder("b", "c");
        assertThat(RoutingRanking.rank(filtered(new RoutingFilters("de", Gender.FEMALE, SkillCategory.MUSIC)),
                List.of(a, b, c)).order()).isEmpty();
    }

    private static RoutingRequest filtered(RoutingFilters filters) {
        return new RoutingRequest("m1", List.of("en", "de"), Set.of(), filters, Set.of());
    }

    @Test
    void aFavoriteComesFirstAndTheNewestFavoriteBeforeOlderOnes() {
        var best = with(plain("a"), null, NOW.minusSeconds(60), Set.of("MUSIC", "BOOKS_AND_FILMS"), 0, NOW, 0);
        var older = with(plain("b"), 1, null, Set.of(), 5000, NOW, 0);
        var newest = with(plain("c"), 0, null, Set.of(), 9000, NOW, 0);
        var decision = rank(best, older, newest);
        assertThat(decision.order()).containsExactly("c", "b", "a");
        assertThat(decision.rule()).isEqualTo(RoutingRule.FAVORITE);
        assertThat(rank(best, older).rule()).isEqualTo(RoutingRule.FAVORITE);
    }

    @Test
    void thenTheCompanionsTalkedToLatelyMostRecentFirst() {
        var matching = with(plain("a"), null, null, Set.of("MUSIC", "BOOKS_AND_FILMS"), 0, NOW, 0);
        var longAgo = with(plain("b"), null, NOW.minus(java.time.Duration.ofDays(20)), Set.of(), 0, NOW, 0);
        var lately = with(plain("c"), null, NOW.minusSeconds(600), Set.of(), 0, NOW, 0);
        var decision = rank(matching, longAgo, lately);
        assertThat(decision.order()).containsExactly("c", "b", "a");
        assertThat(decision.rule()).isEqualTo(RoutingRule.RECENTLY_TALKED);
        assertThat(rank(matching, longAgo).rule()).isEqualTo(RoutingRule.RECENTLY_TALKED);
    }

    @Test
    void thenTheMostInterestsShared() {
        var one = with(plain("a"), null, null, Set.of("MUSIC", "LISTENING"), 0, NOW.minusSeconds(9999), 0);
        var two = with(plain("b"), null, null, Set.of("MUSIC", "BOOKS_AND_FILMS"), 9000, NOW, 0);
        var none = plain("c");
        var decision = rank(one, two, none);
        assertThat(decision.order()).containsExactly("b", "a", "c");
        assertThat(decision.rule()).isEqualTo(RoutingRule.INTEREST_MATCH);
    }

    @Test
    void thenTheLeastConnectedTimeToday() {
        var busy = with(plain("a"), null, null, Set.of("MUSIC"), 1200, NOW.minusSeconds(9999), 0);
        var quiet = with(plain("b"), null, null, Set.of("MUSIC"), 300, NOW, 0);
        var decision = rank(busy, quiet);
        assertThat(decision.order()).containsExactly("b", "a");
        assertThat(decision.rule()).isEqualTo(RoutingRule.LEAST_CONNECTED_TODAY);
    }

    @Test
    void thenTheLongestIdle() {
        var lately = with(plain("a"), null, null, Set.of(), 0, NOW.minusSeconds(10), 0);
        var longest = with(plain("b"), null, null, Set.of(), 0, NOW.minusSeconds(900), 0);
        var decision = rank(lately, longest);
        assertThat(decision.order()).containsExactly("b", "a");
        assertThat(decision.rule()).isEqualTo(RoutingRule.LONGEST_IDLE);
    }

    @Test
    void equalsOnEveryRuleAreOrderedByIdAndThatIsATie() {
        var decision = rank(plain("b"), plain("a"));
        assertThat(decision.order()).containsExactly("a", "b");
        assertThat(decision.rule()).isEqualTo(RoutingRule.TIE);
    }

    @Test
    void twoFavoritesOfEqualRankCannotBeButTwoRecentOfTheSameMomentFallToTheNextRule() {
        var a = with(plain("a"), null, NOW.minusSeconds(60), Set.of(), 100, NOW, 0);
        var b = with(plain("b"), null, NOW.minusSeconds(60), Set.of(), 50, NOW, 0);
        var decision = rank(a, b);
        assertThat(decision.order()).containsExactly("b", "a");
        assertThat(decision.rule()).isEqualTo(RoutingRule.LEAST_CONNECTED_TODAY);
    }

    @Test
    void aCompanionOfferedSixNewMembersThisHourGoesAfterOneWhoHadNone() {
        var capped = with(plain("a"), null, null, Set.of("MUSIC", "BOOKS_AND_FILMS"), 0, NOW.minusSeconds(9999), 6);
        var fresh = plain("b");
        var decision = rank(capped, fresh);
        assertThat(decision.order()).containsExactly("b", "a");
        assertThat(decision.rule()).isEqualTo(RoutingRule.FAIRNESS);
        assertThat(decision.ranked().get(1).reasons()).anyMatch(reason -> reason.contains("at the cap"));
    }

    @Test
    void underTheCapOrWhenEveryoneHadSomeTheRankingStands() {
        var five = with(plain("a"), null, null, Set.of("MUSIC"), 0, NOW, 5);
        var fresh = plain("b");
        assertThat(rank(five, fresh).order()).containsExactly("a", "b");
        var capped = with(plain("a"), null, null, Set.of("MUSIC"), 0, NOW, 7);
        var one = with(plain("b"), null, null, Set.of(), 0, NOW, 1);
        var decision = rank(capped, one);
        assertThat(decision.order()).containsExactly("a", "b");
        assertThat(decision.rule()).isEqualTo(RoutingRule.INTEREST_MATCH);
    }

    @Test
    void continuityIsNotANewMemberSoAFavoriteAtTheCapStaysFirst() {
        var favorite = with(plain("a"), 0, null, Set.of(), 0, NOW, 9);
        var fresh = plain("b");
        var decision = rank(favorite, fresh);
        assertThat(decision.order()).containsExactly("a", "b");
        assertThat(decision.rule()).isEqualTo(RoutingRule.FAVORITE);
    }

    @Test
    void theRuleRecordedForAnOfferIsTheDecisionsWhenTheFirstWasOfferedElseNextAvailable() {
        var decision = rank(plain("a"), with(plain("b"), null, null, Set.of(), 10, NOW, 0));
        assertThat(decision.ruleFor("a")).isEqualTo(RoutingRule.LEAST_CONNECTED_TODAY);
        assertThat(decision.ruleFor("b")).isEqualTo(RoutingRule.NEXT_AVAILABLE);
    }

    @Test
    void theQueueIsTheFilteredLanguageElseTheMembersFirst() {
        assertThat(MEMBER.queueLanguage()).isEqualTo("en");
        assertThat(filtered(new RoutingFilters("de", null, null)).queueLanguage()).isEqualTo("de");
    }
}
