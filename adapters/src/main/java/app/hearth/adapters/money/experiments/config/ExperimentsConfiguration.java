package app.hearth.adapters.money.experiments.config;

import app.hearth.application.money.experiments.ExperimentStore;
import app.hearth.application.money.experiments.PaywallExperimentsService;
import app.hearth.application.shared.Transactions;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the paywall experiment use cases. */
@Configuration(proxyBeanMethods = false)
public class ExperimentsConfiguration {

    @Bean
    PaywallExperimentsService paywallExperiments(ExperimentStore store, Transactions transactions, Clock clock) {
        return new PaywallExperimentsService(store, transactions, clock);
    }
}
