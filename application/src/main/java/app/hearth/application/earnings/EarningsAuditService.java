package app.hearth.application.earnings;

import app.hearth.domain.earnings.EarningsEvent;
import app.hearth.domain.earnings.LedgerVerification;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Rebuilds accounts from their events, verifies their hash chains and compares them with the read model. */
public class EarningsAuditService implements EarningsAudit {

    private final EarningsEventHistory history;
    private final EarningsReadModel readModel;

    private final int batchEvents;

    public EarningsAuditService(EarningsEventHistory history, EarningsReadModel readModel) {
        this(history, readModel, BATCH_EVENTS);
    }

    /** With batches of about {@code batchEvents} events (a test makes every account a batch of its own). */
    public EarningsAuditService(EarningsEventHistory history, EarningsReadModel readModel, int batchEvents) {
        this.history = history;
        this.readModel = readModel;
        this.batchEvents = batchEvents;
    }

    @Override
    public AccountReport audit(String companionId) {
        return audit(companionId, history.history(companionId), new EarningsReadModel.AuditedAccount(
                readModel.balance(companionId), List.of()), () -> readModel.allEntries(companionId));
    }

    /**
     * The store is read once, in one stream, account after account ({@link EarningsEventHistory#readAll}); accounts
     * are gathered in batches of about {@value #BATCH_EVENTS} events (unless told otherwise), and each batch is decoded, verified and
     * compared with the read model (read for the whole batch at once) on one of {@link #PARALLELISM} threads while
     * the stream reads on. At most two batches per thread wait, so memory stays bounded whatever the store's size.
     * {@code progress} hears of every account in the order the store gives them (the reading thread hands the
     * batches over in order); accounts only the read model knows (listed before the stream begins, so none of them
     * is an account opened during the audit) come last; failed accounts are reported in account order.
     */
    @Override
    public Report auditAll(Consumer<AccountReport> progress) {
        var readModelIds = new HashSet<>(readModel.companionIds());
        try (var threads = Executors.newFixedThreadPool(PARALLELISM)) {
            var run = new Run(threads, progress);
            history.readAll(run::add);
            run.finish();
            var onlyInReadModel = new TreeSet<>(readModelIds);
            onlyInReadModel.removeAll(run.seen);
            for (String companionId : onlyInReadModel) {
                run.report(audit(companionId));
            }
            return new Report(run.seen.size() + onlyInReadModel.size(), run.entries,
                    List.copyOf(run.failed.values()));
        }
    }

    /** Accounts audited at once: the machine's cores, at least 2 and at most 8 (each holds a connection). */
    static final int PARALLELISM = Math.clamp(Runtime.getRuntime().availableProcessors(), 2, 8);
    /** Events per batch handed to a thread (an account is never split). */
    static final int BATCH_EVENTS = 2_000;
    /** Accounts per batch at most (one read-model query names them all). */
    static final int BATCH_ACCOUNTS = 500;

    /** One {@link #auditAll}: the batch being gathered, the batches handed over (in order) and the results. */
    private final class Run {
        private final ExecutorService threads;
        private final Consumer<AccountReport> progress;
        private final Deque<Future<List<AccountReport>>> handedOver = new ArrayDeque<>();
        private final Set<String> seen = new HashSet<>();
        private final SortedMap<String, AccountReport> failed = new TreeMap<>();
        private List<EarningsEventHistory.StoredAccount> batch = new ArrayList<>();
        private int gathered;
        private long entries;

        Run(ExecutorService threads, Consumer<AccountReport> progress) {
            this.threads = threads;
            this.progress = progress;
        }

        void add(EarningsEventHistory.StoredAccount account) {
            if (!seen.add(account.companionId())) {
                throw new IllegalStateException("the event store gave account " + account.companionId() + " twice");
            }
            batch.add(account);
            gathered += account.size();
            if (gathered >= batchEvents || batch.size() >= BATCH_ACCOUNTS) {
                handOver();
            }
        }

        private void handOver() {
            var accounts = batch;
            batch = new ArrayList<>();
            gathered = 0;
            handedOver.add(threads.submit(() -> auditBatch(accounts)));
            while (!handedOver.isEmpty() && (handedOver.size() > 2 * PARALLELISM || handedOver.peek().isDone())) {
                reportNext();
            }
        }

        void finish() {
            if (!batch.isEmpty()) {
                handOver();
            }
            while (!handedOver.isEmpty()) {
                reportNext();
            }
        }

        private void reportNext() {
            try {
                handedOver.remove().get().forEach(this::report);
            } catch (ExecutionException failure) {
                handedOver.forEach(next -> next.cancel(true));
                throw failure.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException(failure.getCause());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the audit was interrupted", interrupted);
            }
        }

        void report(AccountReport report) {
            entries += report.entries();
            if (!report.clean()) {
                failed.put(report.companionId(), report);
            }
            progress.accept(report);
        }
    }

    private List<AccountReport> auditBatch(List<EarningsEventHistory.StoredAccount> accounts) {
        Map<String, EarningsReadModel.AuditedAccount> stored = readModel.auditedAccounts(
                accounts.stream().map(EarningsEventHistory.StoredAccount::companionId).toList());
        var reports = new ArrayList<AccountReport>(accounts.size());
        for (var account : accounts) {
            var readModelAccount = stored.get(account.companionId());
            reports.add(audit(account.companionId(), account.events(), readModelAccount,
                    readModelAccount::entries));
        }
        return reports;
    }

    private AccountReport audit(String companionId, List<EarningsEvent> events,
                                EarningsReadModel.AuditedAccount stored,
                                Supplier<List<EarningsReadModel.Entry>> storedEntries) {
        var mismatches = new ArrayList<String>();
        if (events.isEmpty()) {
            mismatches.add("the event store holds no events for this account");
        }
        var rebuilt = LedgerVerification.verify(companionId, events);
        mismatches.addAll(rebuilt.problems());
        compareWithReadModel(events, rebuilt, stored.balance(), storedEntries, mismatches);
        return new AccountReport(companionId, rebuilt.entries(), rebuilt.balance(), rebuilt.lifetimeEarned(),
                rebuilt.lifetimePenalties(), rebuilt.lastHash(), List.copyOf(mismatches));
    }

    private void compareWithReadModel(List<EarningsEvent> events, LedgerVerification.Result rebuilt,
                                      Optional<EarningsReadModel.Balance> balance,
                                      Supplier<List<EarningsReadModel.Entry>> storedEntries,
                                      List<String> mismatches) {
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
        List<EarningsReadModel.Entry> rows = storedEntries.get();
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
