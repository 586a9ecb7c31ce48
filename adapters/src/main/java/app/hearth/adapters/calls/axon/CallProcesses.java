package app.hearth.adapters.calls.axon;

import app.hearth.application.calls.CallNotifications;
import app.hearth.application.calls.CallRouting;
import app.hearth.application.calls.CallSettlement;
import app.hearth.application.calls.CallStates;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.calls.CallDecider;
import app.hearth.domain.calls.CallEvent;
import app.hearth.domain.calls.CallSession;
import app.hearth.domain.calls.CallSetup;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The processes that follow call events, each in its own processing group so that a slow one (ringing phones through
 * APNs and FCM) never delays another (signals, settlement). None of them runs on a replay: they act on the world,
 * they do not build a read model.
 */
final class CallProcesses {

    private CallProcesses() {
    }

    /** Settles ended calls: capture or release of the hold, and the companion's credit (each idempotent). */
    @Component
    @ConditionalOnProperty(name = "hearth.mode", havingValue = "server", matchIfMissing = true)
    @ProcessingGroup(Settlement.PROCESSING_GROUP)
    static class Settlement {

        static final String PROCESSING_GROUP = "call-settlement";

        private final CallSettlement settlement;
        private final Transactions transactions;

        Settlement(CallSettlement settlement, Transactions transactions) {
            this.settlement = settlement;
            this.transactions = transactions;
        }

        /**
         * In a transaction of its own: the earnings account is cached in memory, and a credit must not be cached by a
         * transaction that the processor could still roll back after it (the retry would then see it as recorded).
         */
        @EventHandler
        @DisallowReplay
        void on(CallEvent.CallEnded ended) {
            transactions.inNewTransaction(() -> {
                settlement.settle(ended);
                return null;
            });
        }
    }

    /** Signals the participants' open connections. */
    @Component
    @ConditionalOnProperty(name = "hearth.mode", havingValue = "server", matchIfMissing = true)
    @ProcessingGroup(Signals.PROCESSING_GROUP)
    static class Signals {

        static final String PROCESSING_GROUP = "call-signals";

        private final CallNotifications notifications;
        private final CallStates history;

        Signals(CallNotifications notifications, CallStates history) {
            this.notifications = notifications;
            this.history = history;
        }

        @EventHandler
        @DisallowReplay
        void on(CallEvent event) {
            switch (event) {
                case CallEvent.CallRequested requested ->
                        notifications.signal(event, requested.memberId(), requested.companionId());
                case CallEvent.CallEnded ended -> notifications.signal(event, ended.memberId(), ended.companionId());
                case CallEvent.CallAccepted ignored -> signalWithSetup(event);
                case CallEvent.BalanceWarning ignored -> signalWithSetup(event);
                default -> { }
            }
        }

        private void signalWithSetup(CallEvent event) {
            CallSession state = history.state(event.callId());
            if (!(state instanceof CallSession.NotRequested || state instanceof CallSession.Ended)) {
                CallSetup setup = CallDecider.setup(state);
                notifications.signal(event, setup.memberId(), setup.companionId());
            }
        }
    }

    /**
     * Offers a declined or missed routed call to the next candidate (ADR 0054), after the end committed. Only calls
     * that ended moments ago are re-offered: a processor catching up on old events (a first start) offers nothing.
     */
    @Component
    @ConditionalOnProperty(name = "hearth.mode", havingValue = "server", matchIfMissing = true)
    @ProcessingGroup(Rerouting.PROCESSING_GROUP)
    static class Rerouting {

        static final String PROCESSING_GROUP = "call-rerouting";

        private final CallRouting routing;

        Rerouting(CallRouting routing) {
            this.routing = routing;
        }

        @EventHandler
        @DisallowReplay
        void on(CallEvent.CallEnded ended) {
            routing.callEnded(ended.callId(), ended.reason(), ended.at());
        }
    }

    /** Rings the companion's phones (APNs VoIP and FCM; slow when a provider retries). */
    @Component
    @ConditionalOnProperty(name = "hearth.mode", havingValue = "server", matchIfMissing = true)
    @ProcessingGroup(Ringing.PROCESSING_GROUP)
    static class Ringing {

        static final String PROCESSING_GROUP = "call-ringing";

        private final CallNotifications notifications;

        Ringing(CallNotifications notifications) {
            this.notifications = notifications;
        }

        @EventHandler
        @DisallowReplay
        void on(CallEvent.CallRequested requested) {
            notifications.ring(requested);
        }
    }
}
