package app.hearth.adapters.routing.config;

import app.hearth.adapters.routing.jobs.QueueDispatcherTimer;
import app.hearth.application.calls.CallChanges;
import app.hearth.application.calls.CallLines;
import app.hearth.application.calls.CallQueue;
import app.hearth.application.calls.CallRouting;
import app.hearth.application.companions.FavoriteCompanions;
import app.hearth.application.members.MemberProfiles;
import app.hearth.application.money.metering.Metering;
import app.hearth.application.realtime.UserFrames;
import app.hearth.application.routing.ConversationRequestsService;
import app.hearth.application.routing.Router;
import app.hearth.application.routing.RoutingDecisionsService;
import app.hearth.application.routing.RoutingFacts;
import app.hearth.application.routing.RoutingLog;
import app.hearth.application.shared.Transactions;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds routing (ADR 0054) and the calls' routing for anyone. {@code hearth.routing.queue.max-wait} (10 minutes)
 * is how long a member waits before their place lapses; {@code hearth.routing.queue.wait-per-position} (60 s) the
 * estimated wait per place ahead; {@code hearth.routing.dispatch-interval} (1 s) how often each node looks at the
 * queue (in server mode only).
 */
@Configuration(proxyBeanMethods = false)
public class RoutingConfiguration {

    @Bean
    Router router(RoutingFacts facts, FavoriteCompanions favorites, MemberProfiles profiles, RoutingLog log) {
        return new Router(facts, favorites, profiles, log);
    }

    @Bean
    RoutingDecisionsService routingDecisions(RoutingLog log) {
        return new RoutingDecisionsService(log);
    }

    @Bean
    ConversationRequestsService conversationRequests(Router router, Transactions transactions, Clock clock) {
        return new ConversationRequestsService(router, transactions, clock);
    }

    @Bean
    CallRouting callRouting(Router router, CallChanges changes, CallLines lines, Metering metering, CallQueue queue,
                            UserFrames frames, Clock clock,
                            @Value("${hearth.routing.queue.max-wait:PT10M}") Duration maxWait,
                            @Value("${hearth.routing.queue.wait-per-position:PT60S}") Duration waitPerPosition) {
        return new CallRouting(router, changes, lines, metering, queue, frames, clock, maxWait, waitPerPosition);
    }

    /** Each serving node looks at the queue; {@code hearth.routing.dispatcher.enabled=false} leaves it to others. */
    @Bean
    @ConditionalOnProperty(name = "hearth.mode", havingValue = "server", matchIfMissing = true)
    @ConditionalOnProperty(name = "hearth.routing.dispatcher.enabled", havingValue = "true", matchIfMissing = true)
    QueueDispatcherTimer queueDispatcherTimer(CallRouting routing,
                                              @Value("${hearth.routing.dispatch-interval:PT1S}") Duration interval) {
        return new QueueDispatcherTimer(routing, interval);
    }
}
