package app.hearth.adapters.shared.axon;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long a transaction that appends events may stay open, and how long event processors wait for the gaps such a
 * transaction leaves in {@code global_index} (ADR 0024).
 *
 * <p>{@code global_index} values are taken from a sequence when a row is inserted and become visible when its
 * transaction commits; a processor that has read past such a value keeps it as a gap until the event shows up or
 * the gap is given up. Axon gives a gap up once it reads a later event older than {@code gapTimeout}, or when the gap
 * falls more than {@code maxGapOffset} behind. Both are safe only if no transaction holding an unseen event can
 * outlive them, so:
 * <ul>
 *   <li>{@code longestTransaction}: the guard ({@link LongTransactionGuard}) ends any transaction that has written
 *       to the event table for longer than this, and the database ends sessions idle in a transaction after it
 *       ({@code idle_in_transaction_session_timeout}, set on every pooled connection; checked at start-up).</li>
 *   <li>{@code gapTimeout}: at least twice (longest transaction + guard interval). Twice, because the later event
 *       that makes Axon give a gap up may itself come from a long transaction: its timestamp is as old as that
 *       transaction, not as old as the gap. Start-up refuses less.</li>
 *   <li>{@code maxGapOffset}: events appended while the longest transaction is open must not push its gap out; at
 *       500,000 that is ~3,800 events per second for the 130 s a transaction can live.</li>
 * </ul>
 */
@ConfigurationProperties("hearth.event-store")
public record EventStoreProperties(Duration longestTransaction, Duration guardInterval, Duration gapTimeout,
                                   Integer maxGapOffset) {

    public EventStoreProperties {
        longestTransaction = longestTransaction == null ? Duration.ofMinutes(2) : longestTransaction;
        guardInterval = guardInterval == null ? Duration.ofSeconds(10) : guardInterval;
        gapTimeout = gapTimeout == null ? Duration.ofMinutes(5) : gapTimeout;
        maxGapOffset = maxGapOffset == null ? 500_000 : maxGapOffset;
        if (longestTransaction.isNegative() || longestTransaction.isZero()) {
            throw new IllegalArgumentException("hearth.event-store.longest-transaction must be positive");
        }
        Duration needed = longestTransaction.plus(guardInterval).multipliedBy(2);
        if (gapTimeout.compareTo(needed) < 0) {
            throw new IllegalArgumentException("hearth.event-store.gap-timeout " + gapTimeout + " is shorter than twice"
                    + " (longest-transaction + guard-interval) = " + needed + ": a processor could give up the gap of"
                    + " a transaction that is still allowed to commit, and never see its event");
        }
        if (maxGapOffset < 10_000) {
            throw new IllegalArgumentException("hearth.event-store.max-gap-offset must be at least Axon's default"
                    + " of 10000");
        }
    }
}
