package app.hearth.adapters.money.payments.webhooks;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * Authenticates a Stripe webhook: the {@code Stripe-Signature} header over the raw body with stripe-java's
 * {@link Webhook#constructEvent}, which accepts any of several {@code v1=} signatures (secret rotation), refuses a
 * header without one, and refuses a timestamp older than the tolerance. stripe-java does not refuse a timestamp in
 * the future ({@code Webhook.Signature.verifyHeader} only compares {@code timestamp < now - tolerance}, and checks
 * nothing at a tolerance of 0 or less), so this refuses one more than the tolerance ahead, and refuses to be built
 * with a tolerance of 0 or less.
 */
public final class StripeWebhookVerifier {

    public static final String HEADER = "Stripe-Signature";
    public static final String TOLERANCE_SETTING = "hearth.payments.stripe.tolerance";

    private final String secret;
    private final long toleranceSeconds;
    private final Clock clock;

    /** The request does not come from Stripe, or not now. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** An authenticated notification; {@code event} is null when the body is not a Stripe event (400). */
    public record Verified(String payload, Event event) {
    }

    public StripeWebhookVerifier(String secret, Duration tolerance, Clock clock) {
        if (tolerance == null || tolerance.toSeconds() <= 0) {
            throw new IllegalStateException(TOLERANCE_SETTING + " must be at least 1 s (it is " + tolerance
                    + "): at 0 or less stripe-java accepts signatures of any age, so replayed webhooks would pass");
        }
        this.secret = secret == null || secret.isBlank() ? null : secret;
        this.toleranceSeconds = tolerance.toSeconds();
        this.clock = clock;
    }

    public boolean configured() {
        return secret != null;
    }

    public Verified verify(byte[] body, String header) {
        if (secret == null) {
            throw new Refused("no Stripe webhook secret is configured (hearth.payments.stripe.webhook-secret)");
        }
        if (header == null || header.isBlank()) {
            throw new Refused("the " + HEADER + " header is missing");
        }
        // stripe-java signs and checks the UTF-8 bytes of this string: for a UTF-8 body, the raw bytes
        String payload = new String(body, StandardCharsets.UTF_8);
        long timestamp = timestamp(header);
        long now = clock.millis() / 1000;
        if (timestamp > now + toleranceSeconds) {
            throw new Refused("the signature's timestamp is more than " + toleranceSeconds + " s in the future");
        }
        try {
            Webhook.Signature.verifyHeader(payload, header, secret, toleranceSeconds, clock);
        } catch (SignatureVerificationException refused) {
            throw new Refused(refused.getMessage());
        } catch (RuntimeException unreadable) {
            throw new Refused("the " + HEADER + " header cannot be read");
        }
        try {
            return new Verified(payload, Webhook.constructEvent(payload, header, secret, toleranceSeconds, clock));
        } catch (SignatureVerificationException refused) {
            throw new Refused(refused.getMessage());
        } catch (RuntimeException notAnEvent) {
            return new Verified(payload, null);
        }
    }

    /** The header's first {@code t=}, read as stripe-java reads it. */
    private static long timestamp(String header) {
        for (String item : header.split(",", -1)) {
            String[] parts = item.split("=", 2);
            if (parts[0].equals("t")) {
                try {
                    return Long.parseLong(parts.length == 2 ? parts[1] : "");
                } catch (NumberFormatException unreadable) {
                    throw new Refused("the " + HEADER + " header's timestamp cannot be read");
                }
            }
        }
        throw new Refused("the " + HEADER + " header has no timestamp");
    }
}
