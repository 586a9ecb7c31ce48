package app.hearth.adapters.money.checkout.web;

import app.hearth.adapters.shared.web.ProblemResponses;
import app.hearth.application.money.checkout.CheckoutSessions;
import app.hearth.domain.access.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Web checkout: a Stripe Checkout session for a product of the member's version. */
@RestController
@Tag(name = "Money", description = "Catalog, wallets and migrations between monetization versions")
public class CheckoutController {

    public static final String CHECKOUT_SESSIONS = "/api/v1/me/checkout-sessions";

    /** The product to buy and where Stripe sends the member back. */
    public record CheckoutRequest(String productId, String successUrl, String cancelUrl) {
    }

    /** The session: send the member to {@code url}. */
    public record CheckoutResponse(String sessionId, String url) {
    }

    private final CheckoutSessions checkout;

    public CheckoutController(CheckoutSessions checkout) {
        this.checkout = checkout;
    }

    @PostMapping(CHECKOUT_SESSIONS)
    @ResponseStatus(HttpStatus.CREATED)
    @ApiResponse(responseCode = "201", description = "The checkout session")
    @ProblemResponses({404, 422, 502})
    @Operation(operationId = "startCheckout",
            summary = "Start a Stripe Checkout for a product of your version (client_reference_id is your id); "
            + "the Idempotency-Key header makes a retry return the same session")
    public CheckoutResponse start(@Parameter(hidden = true) Actor actor,
                                  @RequestHeader("Idempotency-Key") String idempotencyKey,
                                  @RequestBody CheckoutRequest request) {
        var session = checkout.start(actor, request.productId(), request.successUrl(), request.cancelUrl(),
                idempotencyKey);
        return new CheckoutResponse(session.sessionId(), session.url());
    }
}
