package app.hearth.adapters.money.checkout.config;

import app.hearth.adapters.money.checkout.stripe.StripeCheckoutProvider;
import app.hearth.adapters.money.payments.config.PaymentsConfiguration;
import app.hearth.application.money.catalog.Catalogs;
import app.hearth.application.money.checkout.CheckoutProvider;
import app.hearth.application.money.checkout.CheckoutSessions;
import app.hearth.application.money.wallet.WalletAccess;
import app.hearth.domain.shared.RuleViolation;
import com.stripe.StripeClient;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds web checkout: Stripe Checkout when a Stripe API key is set, else a clear refusal. */
@Configuration(proxyBeanMethods = false)
public class CheckoutConfiguration {

    @Bean
    CheckoutProvider checkoutProvider(PaymentsConfiguration.PaymentsProperties properties) {
        var stripe = properties.stripe();
        if (stripe.apiKey() == null || stripe.apiKey().isBlank()) {
            return request -> {
                throw RuleViolation.refused("CHECKOUT_NOT_CONFIGURED", "web checkout needs "
                        + "hearth.payments.stripe.api-key (HEARTH_STRIPE_API_KEY); buy in the app meanwhile");
            };
        }
        return new StripeCheckoutProvider(StripeClient.builder().setApiKey(stripe.apiKey())
                .setApiBase(stripe.apiBase()).setMaxNetworkRetries(2).build());
    }

    @Bean
    CheckoutSessions checkoutSessions(Catalogs catalogs, WalletAccess wallets, CheckoutProvider provider,
                                      Clock clock) {
        return new CheckoutSessions(catalogs, wallets, provider, clock);
    }
}
