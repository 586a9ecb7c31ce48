package app.hearth.adapters.media.livekit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * LiveKit's tokens: compact JWTs signed HS256 with the API secret, as LiveKit's server and SDKs make them. Plain
 * HMAC rather than a JOSE library, because LiveKit accepts secrets of any length (its development secret is
 * {@code secret}) and JOSE libraries refuse HMAC keys shorter than 256 bits (adr/0021).
 */
public final class LiveKitJwt {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();
    private static final byte[] HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8);

    /** A token that is not a well-formed HS256 JWT signed with the secret. */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private LiveKitJwt() {
    }

    public static String sign(Map<String, Object> claims, byte[] secret) {
        String signingInput = URL.encodeToString(HEADER) + "." + URL.encodeToString(JSON.writeValueAsBytes(claims));
        return signingInput + "." + URL.encodeToString(hmac(signingInput, secret));
    }

    /** The claims of a token whose HS256 signature verifies with {@code secret}; nothing else is checked here. */
    public static JsonNode verify(String token, byte[] secret) throws Invalid {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new Invalid("not a compact JWT");
        }
        JsonNode header = json(parts[0], "header");
        if (!"HS256".equals(header.path("alg").asString(null))) {
            throw new Invalid("not signed HS256");
        }
        byte[] signature;
        try {
            signature = URL_DECODER.decode(parts[2]);
        } catch (IllegalArgumentException notBase64) {
            throw new Invalid("the signature is not base64url");
        }
        if (!MessageDigest.isEqual(signature, hmac(parts[0] + "." + parts[1], secret))) {
            throw new Invalid("the signature does not verify with the API secret");
        }
        return json(parts[1], "claims");
    }

    private static JsonNode json(String part, String what) throws Invalid {
        try {
            JsonNode node = JSON.readTree(URL_DECODER.decode(part));
            if (node == null || !node.isObject()) {
                throw new Invalid("the " + what + " is not a JSON object");
            }
            return node;
        } catch (IllegalArgumentException | JacksonException unreadable) {
            throw new Invalid("the " + what + " is not base64url JSON");
        }
    }

    static byte[] hmac(String signingInput, byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", impossible);
        }
    }
}
