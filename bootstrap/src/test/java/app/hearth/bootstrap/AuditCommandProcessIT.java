package app.hearth.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.adapters.earnings.jooq.EarningsProjection;
import app.hearth.application.earnings.EarningsLedger;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.earnings.ActivityKind;
import app.hearth.support.HearthNode;
import app.hearth.support.Projections;
import app.hearth.support.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The jar's command line as an operator or an auditor runs it, each run a JVM of its own on the built class path:
 * the audit prints its report and nothing else on standard output (logs on standard error) and exits 0 clean,
 * 1 on mismatches, 2 when it could not run; and Hearth with no profile named refuses to start, naming one.
 */
class AuditCommandProcessIT {

    /** Every line the report may have; anything else on standard output fails the test. */
    private static final Pattern REPORT_LINE = Pattern.compile("earnings audit: replaying every account from the"
            + " event store|(accounts|entries|accounts-with-mismatches|mismatches)=\\d+|seconds=\\d+\\.\\d\\d"
            + "|RESULT: (CLEAN|MISMATCHES FOUND)|MISMATCH account=\\S+ entries=\\d+ rebuilt-balance=-?\\d+|  - .+"
            + "|progress accounts=\\d+");

    /** What a finished JVM left: exit code, standard output, standard error. */
    record Run(int exit, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }

    @Test
    void theAuditPrintsOnlyItsReportAndExitsZeroCleanOneOnMismatchesTwoWhenItCannotRun() throws Exception {
        String database = TestDatabase.another("audit_process");
        String companion = "process-audit-" + System.nanoTime();
        try (var node = HearthNode.on(database).start()) {
            EarningsLedger ledger = node.bean(EarningsLedger.class);
            ledger.open(new Actor("auditor-admin", Role.ADMIN), companion);
            for (int call = 1; call <= 3; call++) {
                ledger.credit(new EarningsLedger.ActivityCredit(companion, "call:" + call,
                        ActivityKind.AUDIO_CALL_MINUTE, 10L * call, Instant.parse("2026-11-24T12:00:00Z"),
                        ZoneOffset.UTC, null, "calls"));
            }
            JdbcTemplate jdbc = node.bean(JdbcTemplate.class);
            Projections.awaitCaughtUp(jdbc, EarningsProjection.PROCESSING_GROUP);
        }

        Run clean = audit("--spring.profiles.active=local", "--spring.datasource.url=" + database);
        assertThat(clean.exit()).as(clean.err()).isEqualTo(AuditEarningsCommand.CLEAN);
        assertOnlyTheReport(clean);
        assertThat(clean.outLines()).contains("accounts=1", "entries=3", "mismatches=0", "RESULT: CLEAN");
        // the logs were not switched off: they went to standard error
        assertThat(clean.err()).contains("HearthApplication");

        // Someone edits the stored payload of the second credit: 200 coins become 2000.
        try (var connection = java.sql.DriverManager.getConnection(database, TestDatabase.USER, "");
             var tamper = connection.prepareStatement("update domain_event_entry set payload = convert_to("
                     + "replace(convert_from(payload, 'UTF8'), '\"coins\":200,', '\"coins\":2000,'), 'UTF8')"
                     + " where aggregate_identifier = ? and payload_type = 'earnings.ActivityCredited'"
                     + " and convert_from(payload, 'UTF8') like '%\"coins\":200,%'")) {
            tamper.setString(1, "earnings:" + companion);
            assertThat(tamper.executeUpdate()).isEqualTo(1);
        }
        Run mismatches = audit("--spring.profiles.active=local", "--spring.datasource.url=" + database);
        assertThat(mismatches.exit()).as(mismatches.err()).isEqualTo(AuditEarningsCommand.MISMATCHES);
        assertOnlyTheReport(mismatches);
        assertThat(mismatches.outLines()).contains("RESULT: MISMATCHES FOUND")
                .anySatisfy(line -> assertThat(line).startsWith("MISMATCH account=" + companion));

        Run unreachable = audit("--spring.profiles.active=local",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/hearth");
        assertThat(unreachable.exit()).as(unreachable.err()).isEqualTo(AuditEarningsCommand.COULD_NOT_RUN);
        assertThat(unreachable.out()).isEmpty();
        assertThat(unreachable.err()).contains("earnings audit could not run:");

        Run noProfile = audit("--spring.datasource.url=" + database);
        assertThat(noProfile.exit()).as(noProfile.err()).isEqualTo(AuditEarningsCommand.COULD_NOT_RUN);
        assertThat(noProfile.out()).isEmpty();
        assertThat(noProfile.err()).contains("earnings audit could not run: " + ProductionSafetyCheck.NO_PROFILE);
    }

    @Test
    void theServerWithNoProfileNamedRefusesToStartAndServesNoTokenIssuer() throws Exception {
        Run server = java("--server.port=0", "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/hearth");
        assertThat(server.exit()).isNotZero();
        assertThat(server.out() + server.err()).contains(ProductionSafetyCheck.NO_PROFILE)
                .doesNotContain("Tomcat started").doesNotContain("Hearth is up");
    }

    private static void assertOnlyTheReport(Run run) {
        assertThat(run.outLines()).as("standard output, with standard error:%n%s", run.err()).isNotEmpty()
                .allSatisfy(line -> assertThat(line).matches(REPORT_LINE));
        assertThat(run.outLines().getFirst()).startsWith("earnings audit:");
    }

    private static Run audit(String... arguments) throws Exception {
        var all = new ArrayList<String>();
        all.add(AuditEarningsCommand.MODE);
        all.addAll(List.of(arguments));
        return java(all.toArray(String[]::new));
    }

    /** {@code java -cp <the tests' class path> HearthApplication <arguments>}, without the tests' own settings. */
    private static Run java(String... arguments) throws Exception {
        var command = new ArrayList<String>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"),
                HearthApplication.class.getName()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("still running after 3 minutes: " + command);
        }
        return new Run(process.exitValue(), out.get(), err.get());
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
