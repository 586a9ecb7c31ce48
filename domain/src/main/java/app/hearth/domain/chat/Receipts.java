package app.hearth.domain.chat;

import app.hearth.domain.shared.RuleViolation;
import java.util.function.LongUnaryOperator;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * One participant's receipts in a conversation: a device of theirs received up to sequence {@code deliveredUpTo},
 * they read up to {@code readUpTo}, and {@code otherMessagesRead} of the other side's messages are at or below it
 * (so unread is one subtraction). Both only move forward; reading up to N also means having received up to N.
 */
@ValueObject
public record Receipts(long deliveredUpTo, long readUpTo, long otherMessagesRead) {

    public static final Receipts NONE = new Receipts(0, 0, 0);
    public static final String BEYOND_LAST = "RECEIPT_BEYOND_LAST_MESSAGE";
    public static final String INVALID = "INVALID_RECEIPT";

    public Receipts {
        if (deliveredUpTo < readUpTo) {
            throw new IllegalArgumentException("read up to " + readUpTo + " but delivered only up to " + deliveredUpTo);
        }
    }

    /**
     * The receipts after a participant says {@code delivered} and/or {@code read} (either may be null, not both),
     * in a conversation whose last sequence is {@code lastSeq}: a lower value than the one held changes nothing, a
     * value above {@code lastSeq} is refused. {@code otherMessagesUpTo} tells how many of the other side's messages
     * are at or below a sequence.
     */
    public Receipts advance(Long delivered, Long read, long lastSeq, LongUnaryOperator otherMessagesUpTo) {
        if (delivered == null && read == null) {
            throw RuleViolation.invalid("FIELD_REQUIRED", "readUpTo", "give deliveredUpTo, readUpTo or both");
        }
        check(delivered, "deliveredUpTo", lastSeq);
        check(read, "readUpTo", lastSeq);
        long newRead = read == null ? readUpTo : Math.max(readUpTo, read);
        long newDelivered = Math.max(Math.max(deliveredUpTo, delivered == null ? 0 : delivered), newRead);
        long newCount = newRead == readUpTo ? otherMessagesRead : otherMessagesUpTo.applyAsLong(newRead);
        return new Receipts(newDelivered, newRead, newCount);
    }

    private static void check(Long value, String field, long lastSeq) {
        if (value == null) {
            return;
        }
        if (value < 0) {
            throw RuleViolation.invalid(INVALID, field, field + " is a sequence number, 0 or more");
        }
        if (value > lastSeq) {
            throw RuleViolation.invalid(BEYOND_LAST, field, field + " " + value
                    + " is beyond the conversation's last message " + lastSeq);
        }
    }

    /** The receipts as the other participant sees them: a read position only when its owner shares it. */
    public Shown shownToOther(boolean sharesReadReceipts) {
        return new Shown(deliveredUpTo, sharesReadReceipts ? readUpTo : null);
    }

    /** The receipts as their owner sees them. */
    public Shown shownToOwner() {
        return new Shown(deliveredUpTo, readUpTo);
    }

    /** Receipts as one viewer sees them; {@code readUpTo} is null when its owner does not send read receipts. */
    public record Shown(long deliveredUpTo, Long readUpTo) {
    }
}
