package app.hearth.earnings;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.adapters.earnings.jooq.EarningsProjection;
import app.hearth.application.earnings.EarningsLedger;
import app.hearth.bootstrap.AuditEarningsCommand;
import app.hearth.domain.earnings.ActivityKind;
import app.hearth.support.IntegrationTest;
import app.hearth.support.Projections;
import app.hearth.support.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The auditor's replay, over HTTP and from the command line, on a clean and on a tampered event store. */
class EarningsAuditIT extends IntegrationTest {

    @Autowired
    EarningsLedger ledger;

    @Test
    void aCleanLedgerAuditsCleanAndAChangedStoredEventIsNamedByTheAudit() {
        String honest = "audit-honest-" + UUID.randomUUID();
        String tampered = "audit-tampered-" + UUID.randomUUID();
        var admin = as("admin", "auditor-admin");
        for (String companion : new String[] {honest, tampered}) {
            assertThat(admin.post("/api/v1/companions/" + companion + "/earnings", null).status()).isEqualTo(201);
            for (int call = 1; call <= 3; call++) {
                ledger.credit(new EarningsLedger.ActivityCredit(companion, "call:" + call,
                        ActivityKind.AUDIO_CALL_MINUTE, 10L * call, Instant.parse("2026-11-24T12:00:00Z"),
                        ZoneOffset.UTC, null, "calls"));
            }
            admin.post("/api/v1/companions/" + companion + "/earnings/penalties",
                    Map.of("caseId", "case-" + companion, "policyCode", "LATE_FOR_SHIFT"));
        }
        Projections.awaitCaughtUp(jdbc, EarningsProjection.PROCESSING_GROUP);

        var clean = admin.get("/api/v1/audit/earnings/" + tampered);
        assertThat(clean.status()).isEqualTo(200);
        assertThat(clean.body().get("mismatches")).isEmpty();
        assertThat(clean.body().get("entries").asLong()).isEqualTo(4);
        assertThat(clean.body().get("balance").asLong()).isEqualTo(100 + 200 + 300 - 50);
        assertThat(runAuditCommand()).startsWith("0\n").contains("RESULT: CLEAN");

        // Someone edits the stored payload of the second credit: 200 coins become 2000.
        int changed = jdbc.update("update domain_event_entry set payload = convert_to(replace(convert_from(payload,"
                        + " 'UTF8'), '\"coins\":200,', '\"coins\":2000,'), 'UTF8')"
                        + " where aggregate_identifier = ? and payload_type = 'earnings.ActivityCredited'"
                        + " and convert_from(payload, 'UTF8') like '%\"coins\":200,%'",
                "earnings:" + tampered);
        assertThat(changed).isEqualTo(1);

        var report = admin.get("/api/v1/audit/earnings/" + tampered);
        assertThat(report.body().get("mismatches").toString()).contains("hash does not match");
        assertThat(admin.get("/api/v1/audit/earnings/" + honest).body().get("mismatches")).isEmpty();

        String output = runAuditCommand();
        assertThat(output).startsWith("1\n")
                .contains("MISMATCH account=" + tampered)
                .doesNotContain("MISMATCH account=" + honest)
                .contains("RESULT: MISMATCHES FOUND");
    }

    /** The exit code, a newline, then what the command printed. */
    private static String runAuditCommand() {
        var printed = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        try (var capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            exit = AuditEarningsCommand.run("--spring.datasource.url=" + TestDatabase.URL,
                    "--spring.main.banner-mode=off", "--logging.level.root=warn");
        } finally {
            System.setOut(original);
        }
        String output = printed.toString(StandardCharsets.UTF_8);
        original.println(output);
        return exit + "\n" + output;
    }
}
