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

    /**
     * Accounts are independent: they are audited on {@link #PARALLELISM} threads at once (each waits on the
     * database about as long as it computes), {@code progress} hears of each as it completes (from any of them), and
     * the failed accounts are reported in account order.
     */
    @Override
    public Report auditAll(Consumer<AccountReport> progress) {
        var ids = new TreeSet<>(history.companionIds());
        ids.addAll(readModel.companionIds());
        var entries = new java.util.concurrent.atomic.LongAdder();
        var failed = new java.util.concurrent.ConcurrentSkipListMap<String, AccountReport>();
        var next = ids.iterator();
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(PARALLELISM)) {
            var running = new ArrayList<java.util.concurrent.Future<?>>();
            for (int thread = 0; thread < PARALLELISM; thread++) {
                running.add(threads.submit(() -> {
                    for (String companionId = take(next); companionId != null; companionId = take(next)) {
                        AccountReport report = audit(companionId);
                        entries.add(report.entries());
                        if (!report.clean()) {
                            failed.put(companionId, report);
                        }
                        progress.accept(report);
                    }
                    return null;
                }));
            }
            for (var thread : running) {
                try {
                    thread.get();
                } catch (java.util.concurrent.ExecutionException failure) {
                    throw failure.getCause() instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException(failure.getCause());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("the audit was interrupted", interrupted);
                }
            }
        }
        return new Report(ids.size(), entries.sum(), List.copyOf(failed.values()));
    }

    /** Accounts audited at once: the machine's cores, at least 2 and at most 8 (each holds a connection). */
    static final int PARALLELISM = Math.clamp(Runtime.getRuntime().availableProcessors(), 2, 8);

    private static String take(java.util.Iterator<String> ids) {
        synchronized (ids) {
            return ids.hasNext() ? ids.next() : null;
        }
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
