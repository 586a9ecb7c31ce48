package app.hearth.domain.earnings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The chained SHA-256 of a ledger entry. The input is a versioned, length-prefixed list of every field of the
 * entry (except the hash itself), the account id, the entry's kind-specific details and the previous entry's
 * hash, so that changing, removing or inserting any entry breaks every hash after it.
 */
public final class EntryHash {

    /** The "previous hash" of an account's first entry. */
    public static final String GENESIS = "0".repeat(64);

    private static final String SCHEME = "hearth-earnings-entry-v1";

    private EntryHash() {
    }

    /** The hex SHA-256 of {@code entry} (its {@code hash} field is ignored) within {@code companionId}'s account. */
    public static String of(String companionId, LedgerEntry entry, List<String> details) {
        var text = new StringBuilder(256);
        append(text, SCHEME);
        append(text, companionId);
        append(text, entry.entryId());
        append(text, Long.toString(entry.position()));
        append(text, entry.kind().name());
        append(text, Long.toString(entry.coins()));
        append(text, Long.toString(entry.balanceAfter()));
        append(text, entry.reason());
        append(text, entry.reference());
        append(text, entry.actor());
        append(text, entry.ruleVersion());
        append(text, entry.occurredAt() == null ? null : entry.occurredAt().toString());
        append(text, Integer.toString(details.size()));
        details.forEach(detail -> append(text, detail));
        append(text, entry.previousHash());
        return HexFormat.of().formatHex(sha256(text.toString()));
    }

    private static void append(StringBuilder text, String field) {
        if (field == null) {
            text.append("-1:");
        } else {
            text.append(field.length()).append(':').append(field);
        }
        text.append('|');
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
