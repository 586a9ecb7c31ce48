package app.hearth.application.earnings;

import app.hearth.domain.earnings.EntryKind;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** The query side of the ledger: balances and entries as the projection keeps them. */
@SecondaryPort
public interface EarningsReadModel {

    /** One account's figures. */
    record Balance(String companionId, long balance, long lifetimeEarned, long lifetimePenalties, long entries,
                   String lastHash, Instant updatedAt) {
    }

    /** One entry as stored by the projection. */
    record Entry(String entryId, long position, EntryKind kind, long coins, long balanceAfter, String reason,
                 String reference, String actor, String ruleVersion, Integer multiplierBasisPoints,
                 Instant occurredAt, String previousHash, String hash) {
    }

    /** Entries newest first, strictly before {@code beforePosition} when set, optionally filtered. */
    record EntryQuery(Set<EntryKind> kinds, Instant from, Instant to, Long beforePosition, int limit) {
    }

    Optional<Balance> balance(String companionId);

    List<Entry> entries(String companionId, EntryQuery query);

    /** Every entry of the account in position order: what an audit compares. */
    List<Entry> allEntries(String companionId);

    /** Every account the read model knows. */
    List<String> companionIds();

    /** One account as an audit compares it: its balance (absent when the read model has none) and every entry. */
    record AuditedAccount(Optional<Balance> balance, List<Entry> entries) {
    }

    /**
     * The given accounts as an audit compares them, each with its balance and every entry in position order; every
     * account asked for is in the answer. This default asks account by account; an adapter reads them at once.
     */
    default Map<String, AuditedAccount> auditedAccounts(Collection<String> companionIds) {
        var accounts = new HashMap<String, AuditedAccount>();
        for (String companionId : companionIds) {
            accounts.put(companionId, new AuditedAccount(balance(companionId), allEntries(companionId)));
        }
        return accounts;
    }
}
