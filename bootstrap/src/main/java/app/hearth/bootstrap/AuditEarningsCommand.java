package app.hearth.bootstrap;

import app.hearth.application.earnings.EarningsAudit;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.Banner;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The auditor's replay from the same jar: {@code java -jar hearth.jar audit-earnings}. Rebuilds every earnings
 * account from the event store alone, verifies each hash chain, compares with the read models and prints a report
 * (accounts, entries, mismatches). Standard output carries the report and nothing else; the logs, and anything
 * a library prints, go to standard error. Exit codes: {@value #CLEAN} clean, {@value #MISMATCHES} mismatches,
 * {@value #COULD_NOT_RUN} could not run (no profile, database unreachable, any other failure).
 */
public final class AuditEarningsCommand {

    public static final String MODE = "audit-earnings";
    public static final int CLEAN = 0;
    public static final int MISMATCHES = 1;
    public static final int COULD_NOT_RUN = 2;

    private AuditEarningsCommand() {
    }

    /**
     * The command line's entry: the report on the standard output as it was when called, which then becomes the
     * standard error for everything else (the Spring context, its logs, any library's notices) until the end.
     */
    static int fromCommandLine(String... args) {
        PrintStream report = System.out;
        System.setOut(System.err);
        System.setProperty("disable-axoniq-console-message", "true"); // Axon's advertisement: not even on stderr
        try {
            return run(report, args);
        } catch (RuntimeException | LinkageError failure) {
            System.err.println("earnings audit could not run: " + reason(failure));
            return COULD_NOT_RUN;
        } finally {
            report.flush();
        }
    }

    /**
     * The most specific reason: the message of the deepest cause that is not a bare JDK exception (the driver's
     * "Connection to … refused" rather than the socket's "Connection refused"), else the deepest one.
     */
    private static String reason(Throwable failure) {
        Throwable root = failure;
        Throwable specific = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            root = cause;
            if (!cause.getClass().getName().startsWith("java.") && cause.getMessage() != null) {
                specific = cause;
            }
        }
        return (specific == null ? root : specific).getMessage();
    }

    /** Runs the audit with Spring arguments {@code args} (e.g. {@code --spring.datasource.url=...}). */
    public static int run(String... args) {
        return run(System.out, args);
    }

    private static int run(PrintStream report, String... args) {
        var arguments = new ArrayList<>(Arrays.asList(args));
        arguments.add("--hearth.mode=" + MODE);
        arguments.add("--hearth.database.create-if-missing=false");
        // it sends no pushes: stage and prod leave their switches to the server's environment
        arguments.add("--hearth.push.apns.enabled=false");
        arguments.add("--hearth.push.fcm.enabled=false");
        var application = HearthApplication.commandLine();
        application.setBannerMode(Banner.Mode.OFF);
        try (ConfigurableApplicationContext context = application.run(arguments.toArray(String[]::new))) {
            return audit(context.getBean(EarningsAudit.class), report);
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
        return report.clean() ? CLEAN : MISMATCHES;
    }
}
