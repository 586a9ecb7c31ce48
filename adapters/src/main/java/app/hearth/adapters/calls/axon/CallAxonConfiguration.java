package app.hearth.adapters.calls.axon;

import app.hearth.domain.calls.CallCommand;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The call aggregate's command routing. Calls have no aggregate cache: their commands run inside the callers'
 * transactions (with the lines, the wake-up and the hold), and a cached call could carry events such a transaction
 * rolled back (as for wallets, ADR 0018). Their streams are short.
 */
@Configuration(proxyBeanMethods = false)
public class CallAxonConfiguration {

    /** Routes every call command to the call it names. */
    @Bean
    public CommandTargetResolver callCommandTargetResolver() {
        return command -> {
            if (command.getPayload() instanceof CallCommand call) {
                return new VersionedAggregateIdentifier(CallAggregate.aggregateId(call.callId()), null);
            }
            throw new IllegalArgumentException("no call routing for " + command.getPayloadType());
        };
    }
}
