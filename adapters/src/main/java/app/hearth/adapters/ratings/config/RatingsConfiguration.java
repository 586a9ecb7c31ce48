package app.hearth.adapters.ratings.config;

import app.hearth.adapters.ratings.jobs.RatingRefreshJob;
import app.hearth.application.access.StaffAuditTrail;
import app.hearth.application.calls.CallStates;
import app.hearth.application.chat.ChatStore;
import app.hearth.application.companions.CompanionRegistry;
import app.hearth.application.members.MemberProfiles;
import app.hearth.application.ratings.ModerationCaseStore;
import app.hearth.application.ratings.ModerationCases;
import app.hearth.application.ratings.ModerationCasesService;
import app.hearth.application.ratings.RatingService;
import app.hearth.application.ratings.RatingStore;
import app.hearth.application.ratings.Ratings;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.ratings.RatingPolicy;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds ratings' use cases with the rules' numbers from {@code hearth.ratings.*} (semantics.md defaults), and the
 * scheduled pass that keeps companions' ratings current as ratings leave the window.
 */
@Configuration(proxyBeanMethods = false)
public class RatingsConfiguration {

    @Bean
    RatingPolicy ratingPolicy(@Value("${hearth.ratings.changeable-for:PT24H}") Duration changeableFor,
                              @Value("${hearth.ratings.rate-within:P7D}") Duration rateWithin,
                              @Value("${hearth.ratings.window:P30D}") Duration window,
                              @Value("${hearth.ratings.prior:4.50}") double prior,
                              @Value("${hearth.ratings.prior-weight:5}") int priorWeight,
                              @Value("${hearth.ratings.low-score-at-most:2}") int lowScoreAtMost) {
        return new RatingPolicy(changeableFor, rateWithin, window, (int) Math.round(prior * 100), priorWeight,
                lowScoreAtMost);
    }

    @Bean
    Ratings ratings(RatingStore store, ModerationCaseStore cases, CallStates calls, ChatStore conversations,
                    MemberProfiles members, CompanionRegistry companions, Transactions transactions, Clock clock,
                    RatingPolicy policy) {
        return new RatingService(store, cases, calls, conversations, members, companions, transactions, clock,
                policy);
    }

    @Bean
    ModerationCases moderationCases(ModerationCaseStore store, StaffAuditTrail trail, Transactions transactions,
                                    Clock clock) {
        return new ModerationCasesService(store, trail, transactions, clock);
    }

    @Bean
    @ConditionalOnProperty(name = "hearth.mode", havingValue = "server", matchIfMissing = true)
    RatingRefreshJob ratingRefreshJob(Ratings ratings, @Value("${hearth.ratings.refresh-batch:100}") int batch) {
        return new RatingRefreshJob(ratings, batch);
    }
}
