package app.hearth.application.earnings;

import app.hearth.domain.earnings.EarningsEvent;
import app.hearth.domain.earnings.LedgerVerification;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;

/** Rebuilds accounts from their events, verifies their hash chains and compares them with the read model. */
public class EarningsAuditService implements EarningsAudit {

    private final EarningsEventHistory history;
    private final EarningsReadModel readModel;

    public EarningsAuditService(EarningsEventHistory history, EarningsReadModel readModel) {
        this.history = history;
        this.readModel = readModel;
    }

    @Override
    public AccountReport audit(String companionId) {
        List<EarningsEvent> events = history.history(companionId);
        var mismatches = new ArrayList<String>();
        if (events.isEmpty()) {
            mismatches.add("the event store holds no events for this account");
        }
        var rebuilt = LedgerVerification.verify(companionId, events);
        mismatches.addAll(rebuilt.problems());
        compareWithReadModel(companionId, events, rebuilt, mismatches);
        return new AccountReport(companionId, rebuilt.entries(), rebuilt.balance(), rebuilt.lifetimeEarned(),
                rebuilt.lifetimePenalties(), rebuilt.lastHash(), List.copyOf(mismatches));
    }

    @Override
    public Report auditAll(Consumer<AccountReport> progress) {
        var ids = new TreeSet<>(history.companionIds());
        ids.addAll(readModel.companionIds());
        long entries = 0;
        var failed = new ArrayList<AccountReport>();
        for (String companionId : ids) {
            AccountReport report = audit(companionId);
            entries += report.entries();
            if (!report.clean()) {
                failed.add(report);
            }
            progress.accept(report);
        }
        return new Report(ids.size(), entries, List.copyOf(failed));
    }

    private void compareWithReadModel(String companionId, List<EarningsEvent> events,
                                      LedgerVerification.Result rebuilt, List<String> mismatches) {
        var balance = readModel.balance(companionId);
        if (balance.isEmpty()) {
            if (!events.isEmpty()) {
                mismatches.add("the read model has no balance for this account");
            }
            return;
        }
        var stored = balance.get();
        compare(mismatches, "balance", rebuilt.balance(), stored.balance());
        compare(mismatches, "lifetime earned", rebuilt.lifetimeEarned(), stored.lifetimeEarned());
        compare(mismatches, "lifetime penalties", rebuilt.lifetimePenalties(), stored.lifetimePenalties());
        compare(mismatches, "entry count", rebuilt.entries(), stored.entries());
        if (!Objects.equals(rebuilt.lastHash(), stored.lastHash())) {
            mismatches.add("read model last hash " + stored.lastHash() + " differs from the event store's "
                    + rebuilt.lastHash());
        }
        List<EarningsReadModel.Entry> rows = readModel.allEntries(companionId);
        var recorded = events.stream()
                .filter(EarningsEvent.EntryRecorded.class::isInstance)
                .map(event -> ((EarningsEvent.EntryRecorded) event).entry())
                .toList();
        for (int i = 0; i < Math.max(rows.size(), recorded.size()); i++) {
            if (i >= rows.size()) {
                mismatches.add("entry " + recorded.get(i).entryId() + " is missing from the read model");
            } else if (i >= recorded.size()) {
                mismatches.add("read model entry " + rows.get(i).entryId() + " has no event");
            } else {
                var row = rows.get(i);
                var entry = recorded.get(i);
                if (!row.entryId().equals(entry.entryId()) || row.coins() != entry.coins()
                        || row.balanceAfter() != entry.balanceAfter() || !Objects.equals(row.hash(), entry.hash())) {
                    mismatches.add("read model entry at position " + row.position() + " (" + row.entryId()
                            + ") differs from event " + entry.entryId());
                }
            }
        }
    }

    private static void compare(List<String> mismatches, String what, long rebuilt, long stored) {
        if (rebuilt != stored) {
            mismatches.add("read model " + what + " is " + stored + " but the events give " + rebuilt);
        }
    }
}
