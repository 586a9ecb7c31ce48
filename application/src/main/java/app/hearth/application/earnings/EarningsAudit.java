package app.hearth.application.earnings;

import java.util.List;
import org.jmolecules.architecture.hexagonal.PrimaryPort;

/**
 * The auditor's replay: rebuild accounts from the event store alone, verify each hash chain and compare the
 * result with the read models.
 */
@PrimaryPort
public interface EarningsAudit {

    /** One account's audit: the figures rebuilt from events and every mismatch found. */
    record AccountReport(String companionId, long entries, long balance, long lifetimeEarned,
                         long lifetimePenalties, String lastHash, List<String> mismatches) {
        public boolean clean() {
            return mismatches.isEmpty();
        }
    }

    /** The audit of every account. */
    record Report(int accounts, long entries, List<AccountReport> failedAccounts) {
        public boolean clean() {
            return failedAccounts.isEmpty();
        }
    }

    AccountReport audit(String companionId);

    /** Audits every account in the event store or the read model; {@code progress} hears of each account. */
    Report auditAll(java.util.function.Consumer<AccountReport> progress);
}
