package app.hearth.adapters.money.checkout.stripe;

import app.hearth.application.money.checkout.CheckoutProvider;
import app.hearth.application.shared.ProviderFailure;
import app.hearth.domain.money.catalog.Product;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import com.stripe.param.checkout.SessionCreateParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stripe Checkout sessions: payment mode for packs, subscription mode for tiers; the member's id travels as
 * {@code client_reference_id} and in the metadata of the session and of the subscription (renewals carry only the
 * subscription's metadata), and the request's idempotency key makes a retry create one session.
 */
public class StripeCheckoutProvider implements CheckoutProvider {

    private static final Logger log = LoggerFactory.getLogger(StripeCheckoutProvider.class);

    private final StripeClient stripe;

    public StripeCheckoutProvider(StripeClient stripe) {
        this.stripe = stripe;
    }

    @Override
    public Session create(Request request) {
        Product product = request.product();
        boolean subscription = product instanceof Product.Tier;
        var params = SessionCreateParams.builder()
                .setMode(subscription ? SessionCreateParams.Mode.SUBSCRIPTION : SessionCreateParams.Mode.PAYMENT)
                .addLineItem(SessionCreateParams.LineItem.builder()
                        .setPrice(product.providerIds().stripePriceId()).setQuantity(1L).build())
                .setClientReferenceId(request.memberId())
                .putMetadata("member_id", request.memberId())
                .putMetadata("product_id", product.productId())
                .setSuccessUrl(request.successUrl())
                .setCancelUrl(request.cancelUrl());
        if (subscription) {
            params.setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
                    .putMetadata("member_id", request.memberId()).build());
        } else {
            params.setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                    .putMetadata("member_id", request.memberId()).build());
        }
        try {
            var session = stripe.v1().checkout().sessions().create(params.build(),
                    RequestOptions.builder().setIdempotencyKey(request.idempotencyKey()).build());
            log.info("checkout session {} for member {} and product {}", session.getId(), request.memberId(),
                    product.productId());
            return new Session(session.getId(), session.getUrl());
        } catch (StripeException failed) {
            log.warn("Stripe refused a checkout session for member {} and product {}: {} ({})", request.memberId(),
                    product.productId(), failed.getMessage(), failed.getRequestId());
            throw new ProviderFailure("CHECKOUT_PROVIDER_FAILED", "Stripe could not start the checkout; try again");
        }
    }
}
