package app.hearth.domain.earnings;

import java.time.Instant;
import org.jmolecules.ddd.annotation.Entity;
import org.jmolecules.ddd.annotation.Identity;

/**
 * One movement of an earnings account, as an auditor sees it. {@code coins} is signed (credits positive,
 * penalties negative); {@code balanceAfter} is the account balance once this entry is applied; {@code position}
 * counts entries of the account from 1 without gaps; {@code hash} is {@link EntryHash} over this entry, its
 * kind-specific details and {@code previousHash}, the hash of the entry before it (or {@link EntryHash#GENESIS}).
 *
 * @param ruleVersion the multiplier rule version for activity credits, {@code null} for other kinds
 */
@Entity
public record LedgerEntry(
        @Identity String entryId,
        long position,
        EntryKind kind,
        long coins,
        long balanceAfter,
        String reason,
        String reference,
        String actor,
        String ruleVersion,
        Instant occurredAt,
        String previousHash,
        String hash) {

    /** This entry with {@code hash} set. */
    public LedgerEntry withHash(String hash) {
        return new LedgerEntry(entryId, position, kind, coins, balanceAfter, reason, reference, actor, ruleVersion,
                occurredAt, previousHash, hash);
    }
}
