package app.hearth.adapters.calls.config;

import app.hearth.application.presence.CompanionFacts;

import app.hearth.adapters.calls.jobs.CallWatchdogTimer;
import app.hearth.adapters.calls.webhooks.CallMediaEvents;
import app.hearth.adapters.shared.deadlines.DeadlinePoller;
import app.hearth.application.access.TeamDirectory;
import app.hearth.application.calls.CompanionPresenceLock;
import app.hearth.application.calls.CallChanges;
import app.hearth.application.calls.CallCheckpoints;
import app.hearth.application.calls.CallCommandBus;
import app.hearth.application.calls.CallLines;
import app.hearth.application.calls.CallNotifications;
import app.hearth.application.calls.CallPresence;
import app.hearth.application.calls.CallQueries;
import app.hearth.application.calls.CallRequests;
import app.hearth.application.calls.CallRouting;
import app.hearth.application.calls.CallSettlement;
import app.hearth.application.calls.CallSignals;
import app.hearth.application.calls.CallStates;
import app.hearth.application.calls.CallWatchdog;
import app.hearth.application.calls.CallsService;
import app.hearth.application.calls.LivenessBoard;
import app.hearth.application.companions.CompanionRegistry;
import app.hearth.application.deadlines.DeadlineHandler;
import app.hearth.application.deadlines.Deadlines;
import app.hearth.application.earnings.ActivityCredits;
import app.hearth.application.media.MediaRooms;
import app.hearth.application.members.MemberProfiles;
import app.hearth.application.money.metering.Metering;
import app.hearth.application.push.IncomingCallPush;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.calls.CallTimeouts;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Builds the calls use cases and what keeps calls honest while nobody asks: the deadline poller (persistent
 * wake-ups, ADR 0026) and the watchdog's timer, both only in server mode.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CallsConfiguration.TimeoutProperties.class)
public class CallsConfiguration {

    /**
     * {@code hearth.calls.timeouts.*}: how long a call rings, waits for the room, and how long a side may be silent
     * before it is reconnecting and then lost (ADR 0029). Unset ones keep the rules' numbers; contradictory ones
     * (lost before reconnecting, reconnecting before a heartbeat is due) stop the application at startup.
     */
    @ConfigurationProperties("hearth.calls.timeouts")
    public record TimeoutProperties(Duration ring, Duration join, Duration reconnectingAfter, Duration lostAfter) {

        CallTimeouts timeouts() {
            CallTimeouts rules = CallTimeouts.DEFAULTS;
            try {
                return new CallTimeouts(ring == null ? rules.ring() : ring, join == null ? rules.join() : join,
                        reconnectingAfter == null ? rules.reconnectingAfter() : reconnectingAfter,
                        lostAfter == null ? rules.lostAfter() : lostAfter);
            } catch (IllegalArgumentException contradictory) {
                throw new IllegalStateException("hearth.calls.timeouts: " + contradictory.getMessage(), contradictory);
            }
        }
    }

    @Bean
    CallTimeouts callTimeouts(TimeoutProperties properties) {
        return properties.timeouts();
    }

    @Bean
    CallChanges callChanges(CallCommandBus commands, CallStates history, CallLines lines, Deadlines deadlines,
                            LivenessBoard board, Transactions transactions, CallTimeouts timeouts,
                            CompanionFacts presence) {
        return new CallChanges(commands, history, lines, deadlines, board, transactions, timeouts, presence);
    }

    @Bean
    CallRequests callRequests(CallChanges changes, CallLines lines, Metering metering, CompanionRegistry companions,
                              TeamDirectory teams, CompanionPresenceLock presence, MediaRooms rooms, Clock clock,
                              @Value("${hearth.calls.media-join-window:PT60S}") Duration joinWindow) {
        return new CallRequests(changes, lines, metering, companions, teams, presence, rooms, clock, joinWindow);
    }

    @Bean
    CallPresence callPresence(CallChanges changes, LivenessBoard board, Clock clock) {
        return new CallPresence(changes, board, clock);
    }

    @Bean
    CallCheckpoints callCheckpoints(CallChanges changes, Metering metering, Clock clock) {
        return new CallCheckpoints(changes, metering, clock);
    }

    @Bean
    CallsService callsService(CallRequests requests, CallPresence presence, CallRouting routing) {
        return new CallsService(requests, presence, routing);
    }

    @Bean
    CallSettlement callSettlement(Metering metering, ActivityCredits credits) {
        return new CallSettlement(metering, credits);
    }

    @Bean
    CallNotifications callNotifications(CallSignals signals, IncomingCallPush push, MemberProfiles profiles,
                                        MediaRooms rooms, Clock clock,
                                        @Value("${hearth.calls.media-join-window:PT60S}") Duration joinWindow,
                                        CallTimeouts timeouts) {
        return new CallNotifications(signals, push, profiles, rooms, clock, joinWindow, timeouts);
    }

    @Bean
    CallMediaEvents callMediaEvents(CallsService calls) {
        return new CallMediaEvents(calls);
    }

    @Bean
    @ConditionalOnProperty(name = "hearth.mode", havingValue = "server", matchIfMissing = true)
    DeadlinePoller deadlinePoller(DSLContext sql, PlatformTransactionManager transactionManager,
                                  List<DeadlineHandler> handlers, Clock clock,
                                  @Value("${hearth.deadlines.poll-interval:PT0.5S}") Duration pollInterval,
                                  @Value("${hearth.deadlines.workers:2}") int workers) {
        return new DeadlinePoller(sql, transactionManager, handlers, clock, pollInterval, workers);
    }

    @Bean
    CallWatchdog callWatchdog(CallQueries queries, LivenessBoard board, CallCheckpoints calls, Deadlines deadlines,
                              CallSignals signals, Clock clock, CallTimeouts timeouts) {
        return new CallWatchdog(queries, board, calls, deadlines, signals, clock, timeouts);
    }

    @Bean
    @ConditionalOnProperty(name = "hearth.mode", havingValue = "server", matchIfMissing = true)
    CallWatchdogTimer callWatchdogTimer(CallWatchdog watchdog,
                                        @Value("${hearth.calls.watchdog-interval:PT1S}") Duration interval) {
        return new CallWatchdogTimer(watchdog, interval);
    }
}
