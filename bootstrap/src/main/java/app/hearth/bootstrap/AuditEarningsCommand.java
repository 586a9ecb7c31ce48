package app.hearth.bootstrap;

import app.hearth.application.earnings.EarningsAudit;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The auditor's replay from the same jar: {@code java -jar hearth.jar audit-earnings}. Rebuilds every earnings
 * account from the event store alone, verifies each hash chain, compares with the read models, prints a report
 * (accounts, entries, mismatches) and returns 0 only when everything matches.
 */
public final class AuditEarningsCommand {

    public static final String MODE = "audit-earnings";

    private AuditEarningsCommand() {
    }

    /** Runs the audit with Spring arguments {@code args} (e.g. {@code --spring.datasource.url=...}). */
    public static int run(String... args) {
        var arguments = new ArrayList<>(Arrays.asList(args));
        arguments.add("--hearth.mode=" + MODE);
        arguments.add("--hearth.database.create-if-missing=false");
        try (ConfigurableApplicationContext context = HearthApplication.commandLine()
                .run(arguments.toArray(String[]::new))) {
            return audit(context.getBean(EarningsAudit.class), System.out);
        }
    }

    static int audit(EarningsAudit audit, PrintStream out) {
        long started = System.nanoTime();
        var done = new AtomicInteger();
        out.println("earnings audit: replaying every account from the event store");
        EarningsAudit.Report report = audit.auditAll(account -> {
            int count = done.incrementAndGet();
            if (!account.clean()) {
                out.println("MISMATCH account=" + account.companionId() + " entries=" + account.entries()
                        + " rebuilt-balance=" + account.balance());
                account.mismatches().forEach(mismatch -> out.println("  - " + mismatch));
            }
            if (count % 1000 == 0) {
                out.println("progress accounts=" + count);
            }
        });
        long mismatches = report.failedAccounts().stream().mapToLong(a -> a.mismatches().size()).sum();
        out.println("accounts=" + report.accounts());
        out.println("entries=" + report.entries());
        out.println("accounts-with-mismatches=" + report.failedAccounts().size());
        out.println("mismatches=" + mismatches);
        out.println("seconds=" + String.format(java.util.Locale.ROOT, "%.2f", (System.nanoTime() - started) / 1e9));
        out.println(report.clean() ? "RESULT: CLEAN" : "RESULT: MISMATCHES FOUND");
        return report.clean() ? 0 : 1;
    }
}
