package app.hearth.adapters.earnings.config;

import app.hearth.application.access.TeamDirectory;
import app.hearth.application.companions.CompanionRegistry;
import app.hearth.application.earnings.ActivityCredits;
import app.hearth.application.earnings.EarningsAudit;
import app.hearth.application.earnings.EarningsAuditService;
import app.hearth.application.earnings.EarningsCommandBus;
import app.hearth.application.earnings.EarningsEventHistory;
import app.hearth.application.earnings.EarningsLedger;
import app.hearth.application.earnings.EarningsLedgerService;
import app.hearth.application.earnings.EarningsPolicies;
import app.hearth.application.earnings.EarningsReadModel;
import app.hearth.domain.earnings.ActivityRates;
import app.hearth.domain.earnings.MultiplierRuleTable;
import app.hearth.domain.earnings.PenaltyTable;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the ledger's use cases from their ports. */
@Configuration(proxyBeanMethods = false)
public class EarningsConfiguration {

    /** UTC in whole microseconds: what PostgreSQL stores, so events and read models show the same instants. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    /** Hearth's default rates, multiplier rules and penalty table (semantics.md). */
    @Bean
    @ConditionalOnMissingBean
    EarningsPolicies earningsPolicies() {
        var rates = ActivityRates.defaults();
        var multipliers = MultiplierRuleTable.defaults();
        var penalties = PenaltyTable.defaults();
        return new EarningsPolicies() {
            @Override
            public ActivityRates activityRates() {
                return rates;
            }

            @Override
            public MultiplierRuleTable multiplierRules() {
                return multipliers;
            }

            @Override
            public PenaltyTable penaltyTable() {
                return penalties;
            }
        };
    }

    @Bean
    EarningsLedger earningsLedger(EarningsCommandBus commands, EarningsReadModel readModel,
                                  EarningsPolicies policies, TeamDirectory teams, Clock clock) {
        return new EarningsLedgerService(commands, readModel, policies, teams, clock);
    }

    /** How calls and chat credit a companion's activity (opening their account on the first one). */
    @Bean
    ActivityCredits activityCredits(EarningsLedger earnings, EarningsCommandBus accounts, EarningsEventHistory history,
                                    CompanionRegistry companions) {
        return new ActivityCredits(earnings, accounts, history, companions);
    }

    @Bean
    EarningsAudit earningsAudit(EarningsEventHistory history, EarningsReadModel readModel) {
        return new EarningsAuditService(history, readModel);
    }
}
