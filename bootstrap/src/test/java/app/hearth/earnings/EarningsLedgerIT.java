package app.hearth.earnings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.application.earnings.EarningsLedger;
import app.hearth.domain.earnings.ActivityKind;
import app.hearth.support.Api;
import app.hearth.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class EarningsLedgerIT extends IntegrationTest {

    @Autowired
    EarningsLedger ledger;

    String companion;
    Api admin;
    Api supervisor;
    Api self;

    @BeforeEach
    void openAnAccount() {
        companion = "companion-" + UUID.randomUUID();
        admin = as("admin", "admin-1");
        supervisor = as("supervisor", "supervisor-1");
        self = as("companion", companion);
        assertThat(admin.post(earnings(), null).status()).isEqualTo(201);
        putInATeamLedBy("supervisor-1");
    }

    /** Supervisors act only on the companions of their own team: put this one in a team supervisor-1 leads. */
    void putInATeamLedBy(String supervisorId) {
        assertThat(admin.post("/api/v1/companions", Map.of("userId", companion, "displayName", "Ada")).status())
                .isEqualTo(201);
        var team = admin.post("/api/v1/teams", Map.of("name", "team of " + companion));
        assertThat(team.status()).isEqualTo(201);
        String teamId = team.body().get("teamId").asString();
        assertThat(admin.put("/api/v1/teams/" + teamId + "/supervisor", Map.of("supervisorId", supervisorId))
                .status()).isEqualTo(200);
        assertThat(admin.put("/api/v1/companions/" + companion + "/team", Map.of("teamId", teamId)).status())
                .isEqualTo(200);
    }

    String earnings() {
        return "/api/v1/companions/" + companion + "/earnings";
    }

    JsonNode balanceOnceProjected(long entries) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            var response = self.get(earnings());
            return response.status() == 200 && response.body().get("entries").asLong() == entries;
        });
        return self.get(earnings()).body();
    }

    void credit(String source, long units, Instant at) {
        ledger.credit(new EarningsLedger.ActivityCredit(companion, source, ActivityKind.AUDIO_CALL_MINUTE, units, at,
                ZoneId.of("Europe/Berlin"), null, "calls"));
    }

    @Test
    void openingAnAccountTwiceIsAConflictWithACodeNotASequenceError() {
        var again = admin.post(earnings(), null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("EARNINGS_ACCOUNT_ALREADY_OPEN");
        assertThat(again.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void creditsPenaltiesReversalsAndCorrectionsAllReachTheBalance() {
        credit("call:1", 12, Instant.parse("2026-11-24T22:30:00Z")); // 23:30 in Berlin: night, x1.2 -> 144

        var penalty = supervisor.post(earnings() + "/penalties", Map.of("caseId", "case-1", "policyCode",
                "LATE_FOR_SHIFT"));
        assertThat(penalty.status()).isEqualTo(201);
        assertThat(penalty.body().get("coins").asLong()).isEqualTo(-50);
        String penaltyId = penalty.body().get("entryId").asString();

        var reversal = admin.post(earnings() + "/penalties/" + penaltyId + "/reversal",
                Map.of("reason", "appeal upheld"));
        assertThat(reversal.status()).isEqualTo(201);
        assertThat(reversal.body().get("coins").asLong()).isEqualTo(50);

        var correction = admin.withHeader("Idempotency-Key", "fix-1").post(earnings() + "/corrections",
                Map.of("coins", -4, "reason", "rounding fix"));
        assertThat(correction.status()).isEqualTo(201);
        assertThat(correction.body().get("balanceAfter").asLong()).isEqualTo(140);

        JsonNode balance = balanceOnceProjected(4);
        assertThat(balance.get("balance").asLong()).isEqualTo(140);
        assertThat(balance.get("lifetimeEarned").asLong()).isEqualTo(144);
        assertThat(balance.get("lifetimePenalties").asLong()).isZero();

        JsonNode credited = self.get(earnings() + "/entries?kind=ACTIVITY_CREDIT").body().get("items").get(0);
        assertThat(credited.get("ruleVersion").asString()).isEqualTo("2026-01");
        assertThat(credited.get("multiplierBasisPoints").asInt()).isEqualTo(12_000);
        assertThat(credited.get("hash").asString()).hasSize(64);
    }

    @Test
    void aRetriedCorrectionWithTheSameIdempotencyKeyChangesNothing() {
        var correcting = admin.withHeader("Idempotency-Key", "bonus-7");
        var first = correcting.post(earnings() + "/corrections", Map.of("coins", 30, "reason", "welcome bonus"));
        var retry = correcting.post(earnings() + "/corrections", Map.of("coins", 30, "reason", "welcome bonus"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body().get("alreadyRecorded").asBoolean()).isTrue();
        assertThat(retry.body().get("entryId").asString()).isEqualTo(first.body().get("entryId").asString());
        assertThat(balanceOnceProjected(1).get("balance").asLong()).isEqualTo(30);

        var reused = correcting.post(earnings() + "/corrections", Map.of("coins", 31, "reason", "welcome bonus"));
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void aRetriedCreditFromTheSameSourceIsCountedOnce() {
        Instant at = Instant.parse("2026-11-24T12:00:00Z");
        credit("message:9", 1, at);
        credit("message:9", 1, at);
        assertThat(balanceOnceProjected(1).get("balance").asLong()).isEqualTo(10);
    }

    @Test
    void entriesArePagedNewestFirstWithACursorAndFilteredByKindAndTime() {
        Instant start = Instant.parse("2026-11-20T12:00:00Z");
        for (int i = 0; i < 7; i++) {
            credit("call:" + i, 1, start.plus(Duration.ofHours(i)));
        }
        supervisor.post(earnings() + "/penalties", Map.of("caseId", "case-p", "policyCode", "LATE_FOR_SHIFT"));
        balanceOnceProjected(8);

        var positions = new ArrayList<Long>();
        String cursor = null;
        int pages = 0;
        do {
            var page = self.get(earnings() + "/entries?limit=3" + (cursor == null ? "" : "&cursor=" + cursor)).body();
            page.get("items").forEach(item -> positions.add(item.get("position").asLong()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(positions).containsExactly(8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L);

        var penalties = self.get(earnings() + "/entries?kind=PENALTY").body().get("items");
        assertThat(penalties).hasSize(1);
        assertThat(penalties.get(0).get("kind").asString()).isEqualTo("PENALTY");

        var window = self.get(earnings() + "/entries?kind=ACTIVITY_CREDIT&from=2026-11-20T13:00:00Z"
                + "&to=2026-11-20T16:00:00Z").body().get("items");
        assertThat(window).extracting(item -> item.get("reference").asString())
                .containsExactly("call:3", "call:2", "call:1");

        var badCursor = self.get(earnings() + "/entries?cursor=not-a-cursor");
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.code()).isEqualTo("INVALID_CURSOR");
        assertThat(badCursor.body().get("field").asString()).isEqualTo("cursor");
    }

    @Test
    void aCompanionReadsOnlyTheirOwnLedgerAndAMemberReadsNone() {
        var other = as("companion", "companion-someone-else");
        var refused = other.get(earnings());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("EARNINGS_ACCESS_DENIED");
        assertThat(other.get(earnings() + "/entries").status()).isEqualTo(403);
        assertThat(as("member", "member-1").get(earnings()).status()).isEqualTo(403);
        assertThat(anonymous().get(earnings()).status()).isEqualTo(401);
        assertThat(balanceOnceProjected(0).get("companionId").asString()).isEqualTo(companion);
    }

    @Test
    void staffRolesAreBoundedByTheirPermissions() {
        var companionTries = self.post(earnings() + "/penalties", Map.of("caseId", "c", "policyCode",
                "LATE_FOR_SHIFT"));
        assertThat(companionTries.status()).isEqualTo(403);
        var supervisorCorrects = supervisor.withHeader("Idempotency-Key", "k").post(earnings() + "/corrections",
                Map.of("coins", 5, "reason", "x"));
        assertThat(supervisorCorrects.status()).isEqualTo(403);
        assertThat(supervisor.get("/api/v1/audit/earnings/" + companion).status()).isEqualTo(403);
    }

    @Test
    void aSupervisorOfAnotherTeamNeitherReadsNorPenalizesThisCompanion() {
        var otherSupervisor = as("supervisor", "supervisor-of-another-team");
        var penalty = otherSupervisor.post(earnings() + "/penalties", Map.of("caseId", "case-x", "policyCode",
                "LATE_FOR_SHIFT"));
        assertThat(penalty.status()).isEqualTo(403);
        assertThat(penalty.code()).isEqualTo("COMPANION_OUTSIDE_YOUR_TEAM");
        var read = otherSupervisor.get(earnings());
        assertThat(read.status()).isEqualTo(403);
        assertThat(read.code()).isEqualTo("COMPANION_OUTSIDE_YOUR_TEAM");
        assertThat(otherSupervisor.get(earnings() + "/entries").status()).isEqualTo(403);

        var ownSupervisor = supervisor.post(earnings() + "/penalties", Map.of("caseId", "case-x", "policyCode",
                "LATE_FOR_SHIFT"));
        assertThat(ownSupervisor.status()).isEqualTo(201);
        var reversal = otherSupervisor.post(earnings() + "/penalties/"
                + ownSupervisor.body().get("entryId").asString() + "/reversal", Map.of("reason", "not mine"));
        assertThat(reversal.status()).isEqualTo(403);
        assertThat(reversal.code()).isEqualTo("COMPANION_OUTSIDE_YOUR_TEAM");
    }

    @Test
    void badInputIsAProblemThatNamesTheField() {
        var noKey = admin.post(earnings() + "/corrections", Map.of("coins", 5, "reason", "x"));
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.code()).isEqualTo("HEADER_REQUIRED");
        assertThat(noKey.body().get("field").asString()).isEqualTo("Idempotency-Key");

        var noReason = admin.withHeader("Idempotency-Key", "k2").post(earnings() + "/corrections",
                Map.of("coins", 5, "reason", " "));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(noReason.body().get("field").asString()).isEqualTo("reason");

        var zero = admin.withHeader("Idempotency-Key", "k3").post(earnings() + "/corrections",
                Map.of("coins", 0, "reason", "nothing"));
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.code()).isEqualTo("CORRECTION_ZERO");
        assertThat(zero.body().get("field").asString()).isEqualTo("coins");

        var unknownPolicy = supervisor.post(earnings() + "/penalties", Map.of("caseId", "c9", "policyCode", "NOPE"));
        assertThat(unknownPolicy.status()).isEqualTo(400);
        assertThat(unknownPolicy.code()).isEqualTo("PENALTY_POLICY_UNKNOWN");

        var malformed = admin.withHeader("Idempotency-Key", "k4").postRaw(earnings() + "/corrections", "{not json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("MALFORMED_REQUEST");

        var noSuchPenalty = admin.post(earnings() + "/penalties/nope/reversal", Map.of("reason", "x"));
        assertThat(noSuchPenalty.status()).isEqualTo(404);
        assertThat(noSuchPenalty.code()).isEqualTo("PENALTY_NOT_FOUND");

        var noAccount = admin.get("/api/v1/companions/nobody/earnings");
        assertThat(noAccount.status()).isEqualTo(404);
        assertThat(noAccount.code()).isEqualTo("EARNINGS_ACCOUNT_NOT_FOUND");
        var penaltyOnNoAccount = admin.post("/api/v1/companions/nobody/earnings/penalties",
                Map.of("caseId", "c1", "policyCode", "LATE_FOR_SHIFT"));
        assertThat(penaltyOnNoAccount.status()).isEqualTo(404);
        assertThat(penaltyOnNoAccount.code()).isEqualTo("EARNINGS_ACCOUNT_NOT_FOUND");
    }
}
