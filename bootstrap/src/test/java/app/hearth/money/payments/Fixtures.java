package app.hearth.money.payments;

import app.hearth.adapters.shared.web.WebhookJson;
import com.stripe.net.Webhook;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import tools.jackson.databind.JsonNode;

/** The provider fixtures under {@code src/test/resources/fixtures}, ids replaced per test, and Stripe's signing. */
final class Fixtures {

    static final String MEMBER = "3f0c6a52-8a4e-4e1b-9d3f-6c2b7f1e9a10";
    static final String SUBSCRIPTION_A = "sub_1l3pw5RrHuoIQciT4m3M4u3E";
    static final String CUSTOMER_A = "cus_iFsyzn0PJpjCoX";
    static final String FIRST_INVOICE_A = "in_1Zz92KRrHuoIQciTYfPBFxSX";
    static final String PRICE_A = "price_132FU2RrHuoIQciTTPatXhOa";

    private Fixtures() {
    }

    static String stripe(String name) {
        return read("/fixtures/stripe/" + name + ".json");
    }

    static String adapty(String name) {
        return read("/fixtures/adapty/" + name + ".json");
    }

    /** Parsed as the webhook adapters parse bodies (decimals never through a double). */
    static JsonNode json(String text) {
        return WebhookJson.object(text).orElseThrow();
    }

    /** The text with each {@code from} replaced by the following {@code to}: {@code replace(t, a, b, c, d)}. */
    static String replace(String text, String... fromTo) {
        String replaced = text;
        for (int i = 0; i < fromTo.length; i += 2) {
            if (!replaced.contains(fromTo[i])) {
                throw new IllegalArgumentException("the fixture has no " + fromTo[i]);
            }
            replaced = replaced.replace(fromTo[i], fromTo[i + 1]);
        }
        return replaced;
    }

    /** {@code t=<ts>,v1=<hex HMAC-SHA256(secret, ts + "." + payload)>}, as Stripe signs. */
    static String stripeSignature(String payload, String secret, long timestamp) {
        return "t=" + timestamp + ",v1=" + hmac(secret, timestamp + "." + payload);
    }

    static String hmac(String secret, String message) {
        try {
            return Webhook.Util.computeHmacSha256(secret, message);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String read(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stripe's {@code invoice.paid} of subscription {@code sub_<tag>}, its first or a later one. */
    static String stripeInvoice(String tag, String invoice, String member, boolean first, long paidAt,
                                        long periodEnd) {
        String body = replace(stripe("invoice.paid"),
                "evt_1DGcocRrHuoIQciTFdHT37gi", "evt_i" + invoice,
                FIRST_INVOICE_A, invoice,
                CUSTOMER_A, "cus_" + tag,
                SUBSCRIPTION_A, "sub_" + tag,
                "\"created\": 1785406543", "\"created\": " + paidAt,
                "\"end\": 1788084940", "\"end\": " + periodEnd);
        if (!first) {
            body = replace(body, "\"billing_reason\": \"subscription_create\"",
                    "\"billing_reason\": \"subscription_cycle\"");
        }
        return body.replaceFirst("\"subscription_details\":\\s*\\{\\s*\"metadata\":\\s*\\{}",
                "\"subscription_details\": {\"metadata\": {\"member_id\": \"" + member + "\"}");
    }
}
