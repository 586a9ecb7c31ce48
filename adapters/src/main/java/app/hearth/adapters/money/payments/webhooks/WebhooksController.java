package app.hearth.adapters.money.payments.webhooks;

import app.hearth.adapters.shared.web.ApiDocs;
import app.hearth.adapters.shared.web.ProblemResponses;
import app.hearth.adapters.shared.web.Problems;
import app.hearth.adapters.shared.web.WebhookJson;
import app.hearth.application.money.payments.PaymentWebhooks.Notification;
import app.hearth.application.money.payments.PaymentWebhooks.Reading;
import app.hearth.application.money.payments.PaymentWebhooks;
import com.stripe.model.Event;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The payment providers' webhooks. They carry no Hearth token: each request authenticates itself (Stripe's
 * signature, Adapty's Authorization value) before anything is read or stored; a refused request stores nothing and
 * answers 401. An authenticated body that is not an event answers 400. Once the notification is recorded (one short
 * transaction; its fact is applied to wallets after the answer, ADR 0043) the answer says 200, a copy of one
 * included; any failure on the way answers 503 so the provider retries (Adapty stops retrying on any answer from 200 to 404).
 */
@RestController
@Tag(name = "Webhooks", description = "Providers' notifications (Stripe, Adapty, LiveKit); authenticated by the "
        + "provider's signature or Authorization value, not by a Hearth token")
public class WebhooksController {

    private static final Logger log = LoggerFactory.getLogger(WebhooksController.class);

    public static final String WEBHOOKS = "/api/v1/webhooks";
    public static final String STRIPE = WEBHOOKS + "/stripe";
    public static final String ADAPTY = WEBHOOKS + "/adapty";

    public static final String SIGNATURE_INVALID = "WEBHOOK_SIGNATURE_INVALID";
    public static final String AUTHORIZATION_INVALID = "WEBHOOK_AUTHORIZATION_INVALID";
    public static final String PAYLOAD_INVALID = "WEBHOOK_PAYLOAD_INVALID";
    public static final String UNAVAILABLE = "WEBHOOK_TEMPORARILY_UNAVAILABLE";
    static final int MAX_EVENT_ID = 255;

    /** What Hearth answers to a recorded notification. */
    public record Acknowledgement(boolean received, boolean duplicate, String outcome, String status) {
        static Acknowledgement of(PaymentWebhooks.Receipt receipt) {
            return new Acknowledgement(true, receipt.duplicate(),
                    receipt.outcome() == null ? null : receipt.outcome().name(),
                    receipt.status() == null ? null : receipt.status().name());
        }
    }

    private final PaymentWebhooks webhooks;
    private final StripeWebhookVerifier stripe;
    private final AdaptyWebhookAuthorization adapty;

    public WebhooksController(PaymentWebhooks webhooks, StripeWebhookVerifier stripe,
                              AdaptyWebhookAuthorization adapty) {
        this.webhooks = webhooks;
        this.stripe = stripe;
        this.adapty = adapty;
    }

    @PostMapping(STRIPE)
    @SecurityRequirements
    @ApiResponse(responseCode = "200", description = "Recorded (or already recorded); a fact is applied to wallets "
            + "after the answer (outcome RECORDED)", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = Acknowledgement.class)))
    @ApiResponse(responseCode = "401",
            description = "Not signed by Stripe (code WEBHOOK_SIGNATURE_INVALID)",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA_REF)))
    @ProblemResponses({503})
    @Operation(operationId = "receiveStripeWebhook",
            summary = "Stripe webhook: Stripe-Signature over the raw body (401 WEBHOOK_SIGNATURE_INVALID), "
            + "recorded once per event id, then 200; 503 when it could not be recorded")
    public ResponseEntity<?> stripe(
            @Parameter(description = "t=<unix seconds>,v1=<HMAC-SHA256 hex>[,v1=…]")
            @RequestHeader(name = StripeWebhookVerifier.HEADER, required = false) String signature,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The provider's event, as sent",
                    content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
            @RequestBody(required = false) byte[] body) {
        StripeWebhookVerifier.Verified verified;
        try {
            verified = stripe.verify(body == null ? new byte[0] : body, signature);
        } catch (StripeWebhookVerifier.Refused refused) {
            log.warn("Stripe webhook refused: {}", refused.getMessage());
            return problem(HttpStatus.UNAUTHORIZED, SIGNATURE_INVALID, "the Stripe signature is not valid: "
                    + refused.getMessage());
        }
        Event event = verified.event();
        Optional<JsonNode> json = WebhookJson.object(verified.payload());
        if (event == null || json.isEmpty()) {
            return problem(HttpStatus.BAD_REQUEST, PAYLOAD_INVALID, "the body is not a Stripe event");
        }
        String eventId = event.getId();
        String type = event.getType();
        if (!usableId(eventId) || type == null || type.isBlank()) {
            return problem(HttpStatus.BAD_REQUEST, PAYLOAD_INVALID, "the Stripe event has no usable id or type");
        }
        String environment = Boolean.TRUE.equals(event.getLivemode()) ? "live" : "test";
        Reading reading = StripeEvents.read(json.get());
        return receive(new Notification(PaymentWebhooks.STRIPE, eventId, type, environment, verified.payload(),
                reading));
    }

    @PostMapping(ADAPTY)
    @SecurityRequirements
    @ApiResponse(responseCode = "200", description = "Recorded (or already recorded); to Adapty's verification "
            + "request, {\"adapty_check_response\": ...} instead", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = Acknowledgement.class)))
    @ApiResponse(responseCode = "401",
            description = "Not the configured Authorization value (code WEBHOOK_AUTHORIZATION_INVALID)",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA_REF)))
    @ProblemResponses({503})
    @Operation(operationId = "receiveAdaptyWebhook",
            summary = "Adapty webhook: the configured Authorization value for the event's environment "
            + "(401 WEBHOOK_AUTHORIZATION_INVALID), recorded once per profile_event_id, then 200; answers Adapty's "
            + "adapty_check verification; 503 when it could not be recorded")
    public ResponseEntity<?> adapty(
            @Parameter(description = "the value configured in Adapty's webhook integration, as is")
            @RequestHeader(name = AdaptyWebhookAuthorization.HEADER, required = false) String authorization,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The provider's event, as sent",
                    content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
            @RequestBody(required = false) byte[] body) {
        String payload = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        Optional<JsonNode> json = WebhookJson.object(payload);
        String environment = json.map(AdaptyEvents::environment).orElse(null);
        if (!adapty.authorizes(authorization, environment)) {
            log.warn("Adapty webhook refused: the Authorization value does not match the {} value",
                    environment == null ? "configured" : environment);
            return problem(HttpStatus.UNAUTHORIZED, AUTHORIZATION_INVALID,
                    "the Authorization value is not the one configured for this environment");
        }
        if (json.isEmpty()) {
            return problem(HttpStatus.BAD_REQUEST, PAYLOAD_INVALID, "the body is not a JSON object");
        }
        JsonNode check = json.get().path("adapty_check");
        if (!check.isMissingNode()) {
            return ResponseEntity.ok(Map.of("adapty_check_response", check.asString("")));
        }
        String eventId = AdaptyEvents.eventId(json.get());
        String type = AdaptyEvents.eventType(json.get());
        if (!usableId(eventId) || type == null) {
            return problem(HttpStatus.BAD_REQUEST, PAYLOAD_INVALID,
                    "the Adapty event has no usable event_type or event_properties.profile_event_id");
        }
        return receive(new Notification(PaymentWebhooks.ADAPTY, eventId, type, environment, payload,
                AdaptyEvents.read(json.get())));
    }

    private ResponseEntity<?> receive(Notification notification) {
        try {
            return ResponseEntity.ok(Acknowledgement.of(webhooks.receive(notification)));
        } catch (RuntimeException failed) {
            log.error("{} notification {} could not be recorded; answering 503 so that it is sent again",
                    notification.provider(), notification.providerEventId(), failed);
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, "60")
                    .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE,
                            "the notification could not be recorded now; nothing was kept, send it again", null));
        }
    }

    private static boolean usableId(String id) {
        return id != null && !id.isBlank() && id.length() <= MAX_EVENT_ID;
    }

    private static ResponseEntity<?> problem(HttpStatus status, String code, String detail) {
        return ResponseEntity.status(status).body(Problems.of(status, code, detail, null));
    }
}
