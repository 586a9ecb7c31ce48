package app.hearth.adapters.money.wallet.axon;

import app.hearth.domain.money.wallet.WalletCommand;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The wallet aggregate's command routing. Wallets have no aggregate cache (ADR 0018): a wallet command may run inside
 * a caller's transaction (the payment pipeline's), and a cached wallet could carry movements that transaction has
 * not committed yet.
 */
@Configuration(proxyBeanMethods = false)
public class WalletAxonConfiguration {

    /** Routes every wallet command to the wallet of the member it names. */
    @Bean
    public CommandTargetResolver walletCommandTargetResolver() {
        return command -> {
            if (command.getPayload() instanceof WalletCommand wallet) {
                return new VersionedAggregateIdentifier(WalletAggregate.aggregateId(wallet.memberId()), null);
            }
            throw new IllegalArgumentException("no wallet routing for " + command.getPayloadType());
        };
    }
}
