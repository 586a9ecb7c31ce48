package app.hearth.adapters.presence.config;

import app.hearth.adapters.presence.jobs.PresenceSweeper;
import app.hearth.adapters.presence.jooq.JooqPresenceStore;
import app.hearth.application.presence.PresenceService;
import app.hearth.application.presence.PresenceStore;
import app.hearth.application.realtime.UserFrames;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.presence.PresenceRules;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Presence derived from facts (adr/0053): one {@link PresenceService} is the {@code ShiftPresence} and
 * {@code CompanionFacts} ports the other features call, and the {@code Presence} and {@code PresenceSweep} use cases;
 * each serving node runs a {@link PresenceSweeper}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PresenceProperties.class)
public class PresenceConfiguration {

    @Bean
    PresenceStore presenceStore(DSLContext sql) {
        return new JooqPresenceStore(sql);
    }

    @Bean
    PresenceService presence(PresenceStore store, Transactions transactions, UserFrames frames, Clock clock,
                             PresenceProperties properties) {
        return new PresenceService(store, transactions, frames, clock, new PresenceService.Settings(
                new PresenceRules(properties.awayAfter(), properties.capacity()),
                properties.openConversationWindow()));
    }

    @Bean
    PresenceSweeper presenceSweeper(PresenceService presence, PresenceProperties properties, Environment environment) {
        boolean server = "server".equals(environment.getProperty("hearth.mode", "server"));
        return new PresenceSweeper(presence, properties.sweepInterval(), properties.unknownNodesEvery(), server);
    }
}
