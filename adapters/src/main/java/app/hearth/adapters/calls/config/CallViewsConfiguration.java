package app.hearth.adapters.calls.config;

import app.hearth.application.access.TeamDirectory;
import app.hearth.application.calls.CallHistory;
import app.hearth.application.calls.CallHistoryService;
import app.hearth.application.calls.CallQueries;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the calls' reading use case (history, live board, figures) on the calls' read model. */
@Configuration(proxyBeanMethods = false)
public class CallViewsConfiguration {

    @Bean
    CallHistory callHistory(CallQueries queries, TeamDirectory teams, Clock clock) {
        return new CallHistoryService(queries, teams, clock);
    }
}
