package app.hearth.adapters.money.payments.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Authenticates an Adapty webhook: its {@code Authorization} header must equal the value configured for the
 * event's environment ({@code Sandbox} or {@code Production}), compared in constant time. Both sides are hashed
 * first, so the comparison takes the same time whatever the lengths. A blank configured value matches nothing.
 * A body without an environment (Adapty's {@code adapty_check} verification request) may carry either value.
 */
public final class AdaptyWebhookAuthorization {

    public static final String HEADER = "Authorization";

    private final byte[] sandbox;
    private final byte[] production;

    public AdaptyWebhookAuthorization(String sandboxValue, String productionValue) {
        this.sandbox = digestOrNull(sandboxValue);
        this.production = digestOrNull(productionValue);
    }

    public boolean configured() {
        return sandbox != null || production != null;
    }

    public boolean authorizes(String header, String environment) {
        byte[] presented = digest(header == null ? "" : header);
        boolean sandboxMatches = matches(presented, sandbox);
        boolean productionMatches = matches(presented, production);
        if (header == null || header.isEmpty()) {
            return false;
        }
        if (environment == null) {
            return sandboxMatches || productionMatches;
        }
        return switch (environment.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "sandbox" -> sandboxMatches;
            case "production" -> productionMatches;
            default -> false;
        };
    }

    private static boolean matches(byte[] presented, byte[] expected) {
        return expected != null && MessageDigest.isEqual(presented, expected);
    }

    private static byte[] digestOrNull(String value) {
        return value == null || value.isBlank() ? null : digest(value);
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every JDK", impossible);
        }
    }
}
