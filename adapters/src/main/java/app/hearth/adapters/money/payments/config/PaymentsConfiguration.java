package app.hearth.adapters.money.payments.config;

import app.hearth.adapters.money.payments.jobs.PaymentApplier;
import app.hearth.adapters.money.payments.jobs.PendingClaimSweep;
import app.hearth.adapters.money.payments.jobs.StripeReconciliationJob;
import app.hearth.adapters.money.payments.webhooks.AdaptyWebhookAuthorization;
import app.hearth.adapters.money.payments.webhooks.RecordedNotifications;
import app.hearth.adapters.money.payments.webhooks.StripeReconciliation;
import app.hearth.adapters.money.payments.webhooks.StripeWebhookVerifier;
import app.hearth.application.members.MemberIdentities;
import app.hearth.application.members.MemberProfiles;
import app.hearth.application.money.PaymentApplication;
import app.hearth.application.money.payments.ParkedPaymentEvents;
import app.hearth.application.money.payments.PaymentDoorbell;
import app.hearth.application.money.payments.PaymentFacts;
import app.hearth.application.money.payments.PaymentInbox;
import app.hearth.application.money.payments.PaymentOperations;
import app.hearth.application.money.payments.PaymentOperationsService;
import app.hearth.application.money.payments.PaymentPipeline;
import app.hearth.application.money.payments.PaymentWebhooks;
import app.hearth.application.money.payments.PendingPurchaseClaims;
import app.hearth.application.money.payments.PendingPurchases;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.money.payments.PaymentEnvironment;
import com.stripe.StripeClient;
import java.time.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The payment pipeline: webhook authentication from configuration, the pipeline and its claims listener, the
 * operators' views, and a pass that claims what the listener missed. See adr/0016.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PaymentsConfiguration.PaymentsProperties.class)
public class PaymentsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PaymentsConfiguration.class);

    /**
     * {@code hearth.payments.*}: the Stripe endpoint's signing secret ({@code whsec_…}) and tolerance (default
     * 300 s, more than 0), Adapty's Authorization values for sandbox and production events, how often unclaimed
     * pending purchases are matched again against members and identities, and the {@code environment} whose
     * payments are applied to wallets: {@code test} (Stripe test mode, Adapty sandbox) or {@code live} (the
     * default: an installation nobody configured never applies test money; ADR 0032).
     */
    @ConfigurationProperties("hearth.payments")
    public record PaymentsProperties(@DefaultValue Stripe stripe, @DefaultValue Adapty adapty,
                                     @DefaultValue("PT10M") Duration pendingClaimSweep,
                                     @DefaultValue("live") PaymentEnvironment environment,
                                     @DefaultValue Applier applier) {

        /**
         * {@code apiKey} (a restricted key that may read events) switches on the daily reconciliation of the last
         * {@code reconcileWindow} of events from {@code apiBase}.
         */
        public record Stripe(String webhookSecret, @DefaultValue("PT300S") Duration tolerance, String apiKey,
                             @DefaultValue("https://api.stripe.com") String apiBase,
                             @DefaultValue("PT72H") Duration reconcileWindow) {
        }

        public record Adapty(String sandboxAuthorization, String productionAuthorization) {
        }

        /**
         * The applier of recorded notifications (ADR 0043): on ({@code enabled}) on every server node, {@code
         * workers} threads side by side (each a share of the order keys), in batches of up to {@code batch}, woken
         * at once by this node's webhooks and every {@code poll} for other nodes' work.
         */
        public record Applier(@DefaultValue("true") boolean enabled, @DefaultValue("200") int batch,
                              @DefaultValue("PT1S") Duration poll, @DefaultValue("4") int workers) {
        }
    }

    /** Refuses to start with a tolerance of 0 or less (stripe-java would then accept signatures of any age). */
    @Bean
    StripeWebhookVerifier stripeWebhookVerifier(PaymentsProperties properties, Clock clock) {
        var verifier = new StripeWebhookVerifier(properties.stripe().webhookSecret(), properties.stripe().tolerance(),
                clock);
        if (!verifier.configured()) {
            log.warn("hearth.payments.stripe.webhook-secret (HEARTH_STRIPE_WEBHOOK_SECRET) is not set: every "
                    + "Stripe webhook is refused with 401");
        }
        return verifier;
    }

    @Bean
    AdaptyWebhookAuthorization adaptyWebhookAuthorization(PaymentsProperties properties) {
        var adapty = properties.adapty();
        if (blank(adapty.productionAuthorization()) || blank(adapty.sandboxAuthorization())) {
            log.warn("hearth.payments.adapty.{}-authorization is not set: Adapty webhooks of that environment are "
                    + "refused with 401", blank(adapty.productionAuthorization()) ? "production" : "sandbox");
        }
        return new AdaptyWebhookAuthorization(adapty.sandboxAuthorization(), adapty.productionAuthorization());
    }

    /** {@code hearth.payments.environment} binds {@code test} or {@code live}; start-up refuses anything else. */
    @Bean
    PaymentDoorbell paymentDoorbell() {
        return new PaymentDoorbell();
    }

    @Bean
    PaymentPipeline paymentPipeline(PaymentInbox inbox, PaymentFacts facts, PendingPurchases pending,
                                    ParkedPaymentEvents parked, PaymentApplication wallets, MemberProfiles profiles,
                                    MemberIdentities identities, Transactions transactions, Clock clock,
                                    PaymentsProperties properties, PaymentDoorbell doorbell) {
        PaymentEnvironment environment = properties.environment();
        log.info("payments: {} payments are applied to wallets, {} ones only recorded (hearth.payments.environment)",
                environment.code(), environment == PaymentEnvironment.LIVE ? "test" : "live");
        return new PaymentPipeline(inbox, facts, pending, parked, wallets, profiles, identities, transactions, clock,
                environment, RecordedNotifications::read, doorbell::ring);
    }

    /** Hears of registrations and attached identities (MembersService calls every MemberListener bean). */
    @Bean
    PendingPurchaseClaims pendingPurchaseClaims(PaymentPipeline pipeline, PendingPurchases pending,
                                                PaymentFacts facts, Clock clock) {
        return new PendingPurchaseClaims(pipeline, pending, facts, clock);
    }

    @Bean
    PaymentOperations paymentOperations(PaymentFacts facts, ParkedPaymentEvents parked, PendingPurchases pending,
                                        Clock clock, PaymentInbox inbox, PaymentsProperties properties) {
        return new PaymentOperationsService(facts, parked, pending, clock, inbox, properties.environment());
    }

    /**
     * Applies what the webhooks recorded, after their answers (ADR 0043); off with
     * {@code hearth.payments.applier.enabled=false} (such a node only records: another applies).
     */
    @Bean
    @ConditionalOnProperty(name = "hearth.mode", havingValue = "server", matchIfMissing = true)
    @ConditionalOnProperty(name = "hearth.payments.applier.enabled", havingValue = "true", matchIfMissing = true)
    PaymentApplier paymentApplier(PaymentPipeline pipeline, PaymentDoorbell doorbell, PaymentsProperties properties) {
        var applier = properties.applier();
        return new PaymentApplier(pipeline, doorbell, applier.batch(), applier.poll(), applier.workers());
    }

    /**
     * {@code hearth.payments.unapplied}: notifications recorded and not applied yet; {@code
     * hearth.payments.unapplied.oldest.age}: seconds since the oldest of them was received (0 when none).
     */
    @Bean
    MeterBinder paymentApplicationLag(PaymentInbox inbox, PaymentsProperties properties, Clock clock) {
        PaymentEnvironment environment = properties.environment();
        return registry -> {
            Gauge.builder("hearth.payments.unapplied", () -> inbox.lag(environment).unapplied())
                    .description("payment notifications recorded and not applied to wallets yet")
                    .register(registry);
            Gauge.builder("hearth.payments.unapplied.oldest.age", () -> {
                Instant oldest = inbox.lag(environment).oldestUnappliedAt();
                return oldest == null ? 0 : Duration.between(oldest, clock.instant()).toMillis() / 1000.0;
            }).baseUnit("seconds")
                    .description("how long the oldest payment notification not applied yet has waited")
                    .register(registry);
        };
    }

    @Bean
    @ConditionalOnProperty(name = "hearth.mode", havingValue = "server", matchIfMissing = true)
    PendingClaimSweep pendingClaimSweep(PendingPurchaseClaims claims, PaymentPipeline pipeline) {
        return new PendingClaimSweep(claims, pipeline);
    }

    /** Daily: Stripe's events of the last 72 h that never arrived by webhook, through the same pipeline. */
    @Bean
    @ConditionalOnProperty(name = "hearth.mode", havingValue = "server", matchIfMissing = true)
    @ConditionalOnExpression("'${hearth.payments.stripe.api-key:}'.trim().length() > 0")
    StripeReconciliationJob stripeReconciliationJob(PaymentsProperties properties, PaymentWebhooks webhooks,
                                                    Clock clock) {
        var stripe = properties.stripe();
        var client = StripeClient.builder().setApiKey(stripe.apiKey()).setApiBase(stripe.apiBase())
                .setMaxNetworkRetries(2).build();
        return new StripeReconciliationJob(new StripeReconciliation(client, webhooks, clock,
                stripe.reconcileWindow()));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
