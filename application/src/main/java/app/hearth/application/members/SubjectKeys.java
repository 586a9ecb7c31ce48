package app.hearth.application.members;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed one-way hash that links a closed account to its user id without holding the id: HMAC-SHA256 of the
 * user id under a server secret (SHA-256 keyed by the secret). Without the secret the hash cannot be reversed or
 * checked against guessed ids. The secret must never change: a new one cannot recognise earlier closures.
 */
public final class SubjectKeys {

    public static final int MIN_SECRET_LENGTH = 32;
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec secret;

    public SubjectKeys(String secret) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("the closure secret must be at least " + MIN_SECRET_LENGTH
                    + " characters");
        }
        this.secret = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC);
    }

    /** 64 hex digits. */
    public String of(String userId) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(secret);
            return HexFormat.of().formatHex(mac.doFinal(userId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", impossible);
        }
    }

    /** A fresh pseudonym for a closed account, unrelated to the user id: {@code anon-<uuid>}. */
    public static String newPseudonym() {
        return "anon-" + UUID.randomUUID();
    }
}
