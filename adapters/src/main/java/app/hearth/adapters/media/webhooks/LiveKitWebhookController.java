package app.hearth.adapters.media.webhooks;

import app.hearth.adapters.money.payments.webhooks.WebhooksController;
import app.hearth.adapters.shared.web.ApiDocs;
import app.hearth.adapters.shared.web.ProblemResponses;
import app.hearth.adapters.shared.web.Problems;
import app.hearth.adapters.shared.web.WebhookJson;
import app.hearth.application.media.MediaWebhooks.Notification;
import app.hearth.application.media.MediaWebhooks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
 * LiveKit's webhook. It carries no Hearth token: the request authenticates itself with LiveKit's signed token
 * (over the raw body's SHA-256) before anything is read or stored; a refused request stores nothing and answers
 * 401. An authenticated body that is not an event answers 400. Once the notification is recorded (and handed on,
 * in the same transaction) the answer is 200, a copy of one included; any failure on the way answers 503 so that
 * LiveKit retries.
 */
@RestController
@Tag(name = "Webhooks", description = "Providers' notifications (Stripe, Adapty, LiveKit); authenticated by the "
        + "provider's signature or Authorization value, not by a Hearth token")
public class LiveKitWebhookController {

    private static final Logger log = LoggerFactory.getLogger(LiveKitWebhookController.class);

    public static final String LIVEKIT = WebhooksController.WEBHOOKS + "/livekit";
    static final int MAX_TEXT = 255;

    /** What Hearth answers to a recorded LiveKit notification. */
    public record MediaAcknowledgement(boolean received, boolean duplicate, String outcome) {
        static MediaAcknowledgement of(MediaWebhooks.Receipt receipt) {
            return new MediaAcknowledgement(true, receipt.duplicate(),
                    receipt.outcome() == null ? null : receipt.outcome().name());
        }
    }

    private final MediaWebhooks webhooks;
    private final LiveKitWebhookVerifier verifier;

    public LiveKitWebhookController(MediaWebhooks webhooks, LiveKitWebhookVerifier verifier) {
        this.webhooks = webhooks;
        this.verifier = verifier;
    }

    @PostMapping(LIVEKIT)
    @SecurityRequirements
    @ApiResponse(responseCode = "200", description = "Recorded (or already recorded)", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = MediaAcknowledgement.class)))
    @ApiResponse(responseCode = "401",
            description = "Not signed by LiveKit (code WEBHOOK_SIGNATURE_INVALID)",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA_REF)))
    @ProblemResponses({503})
    @Operation(operationId = "receiveLiveKitWebhook",
            summary = "LiveKit webhook: a JWT in Authorization, HS256 with the API secret, iss the API key, "
            + "claim sha256 = base64(SHA-256(body)) (401 WEBHOOK_SIGNATURE_INVALID); recorded once per event id, "
            + "then 200; 503 when it could not be recorded")
    public ResponseEntity<?> livekit(
            @Parameter(description = "the token LiveKit signs for each webhook request")
            @RequestHeader(name = LiveKitWebhookVerifier.HEADER, required = false) String authorization,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The provider's event, as sent",
                    content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
            @RequestBody(required = false) byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        try {
            verifier.verify(raw, authorization);
        } catch (LiveKitWebhookVerifier.Refused refused) {
            log.warn("LiveKit webhook refused: {}", refused.getMessage());
            return problem(HttpStatus.UNAUTHORIZED, WebhooksController.SIGNATURE_INVALID,
                    "the LiveKit webhook token is not valid: " + refused.getMessage());
        }
        String payload = new String(raw, StandardCharsets.UTF_8);
        Optional<JsonNode> json = WebhookJson.object(payload);
        if (json.isEmpty()) {
            return problem(HttpStatus.BAD_REQUEST, WebhooksController.PAYLOAD_INVALID, "the body is not a JSON object");
        }
        JsonNode event = json.get();
        String id = WebhookJson.text(event.path("id"));
        String type = WebhookJson.text(event.path("event"));
        String room = WebhookJson.text(event.path("room").path("name"));
        String identity = WebhookJson.text(event.path("participant").path("identity"));
        Instant createdAt;
        try {
            createdAt = epochSeconds(event.path("createdAt"));
        } catch (NumberFormatException notSeconds) {
            return problem(HttpStatus.BAD_REQUEST, WebhooksController.PAYLOAD_INVALID,
                    "createdAt is not a time in epoch seconds");
        }
        if (!fits(id) || id == null || type == null || !fits(type) || !fits(room) || !fits(identity)) {
            return problem(HttpStatus.BAD_REQUEST, WebhooksController.PAYLOAD_INVALID,
                    "the LiveKit event has no usable id or event, or a name longer than " + MAX_TEXT);
        }
        Notification notification = new Notification(id, type, room, identity, createdAt, payload);
        try {
            return ResponseEntity.ok(MediaAcknowledgement.of(webhooks.receive(notification)));
        } catch (RuntimeException failed) {
            log.error("LiveKit notification {} could not be recorded; answering 503 so that it is sent again", id,
                    failed);
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, "60")
                    .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, WebhooksController.UNAVAILABLE,
                            "the notification could not be recorded now; nothing was kept, send it again", null));
        }
    }

    /** LiveKit writes int64 fields as strings ({@code "1787254203"}); a number is taken as well. */
    private static Instant epochSeconds(JsonNode node) {
        if (node.isIntegralNumber()) {
            return Instant.ofEpochSecond(node.asLong());
        }
        String text = WebhookJson.text(node);
        return text == null ? null : Instant.ofEpochSecond(Long.parseLong(text.strip()));
    }

    private static boolean fits(String text) {
        return text == null || text.length() <= MAX_TEXT;
    }

    private static ResponseEntity<?> problem(HttpStatus status, String code, String detail) {
        return ResponseEntity.status(status).body(Problems.of(status, code, detail, null));
    }
}
