package app.hearth.domain.shared;

/**
 * A race lost to a concurrent change (another node, another request on the same aggregate): nothing was recorded,
 * and the same work succeeds when tried again on the fresh state. A CONFLICT with the stable code
 * {@value #CODE}, so a client that still meets it after Hearth's own retries is told what it always was told.
 */
public final class TransientConflict extends RuleViolation {

    /** The code of a transient conflict in problem details. */
    public static final String CODE = "CONCURRENT_UPDATE";

    public TransientConflict(String message) {
        this(message, null);
    }

    /** {@code cause}: the lower layer's own word for the race (Axon's sequence conflict, a wallet's busy answer). */
    public TransientConflict(String message, Throwable cause) {
        super(Category.CONFLICT, CODE, null, message, cause);
    }
}
