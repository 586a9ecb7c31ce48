package app.hearth.access;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.application.access.RoleRegistry;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.access.Role;
import app.hearth.support.Api;
import app.hearth.support.IntegrationTest;
import app.hearth.support.Projections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Roles come from Hearth's record; who may grant what; and every change lands in the staff audit trail. */
class AccessIT extends IntegrationTest {

    private static final String EARNINGS = "/api/v1/companions/%s/earnings";

    @Test
    void aRevokedRoleIsRefusedOnTheVeryNextRequestWhileTheOldTokenIsStillValid() {
        Api admin = as("admin", "access-admin-1");
        Api companion = as("companion", "access-companion-1");
        assertThat(admin.post(EARNINGS.formatted("access-companion-1"), null).status()).isEqualTo(201);
        Projections.awaitCaughtUp(jdbc, "earnings-read-model");
        assertThat(companion.get(EARNINGS.formatted("access-companion-1")).status()).isEqualTo(200);

        var revoked = admin.delete("/api/v1/users/access-companion-1/role/companion");
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.body().get("role").asString()).isEqualTo("member");

        // the same token, still within its lifetime, now belongs to a member
        var refused = companion.get(EARNINGS.formatted("access-companion-1"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("ACCESS_DENIED");
        assertThat(companion.get("/api/v1/users/access-companion-1/role").body().get("role").asString())
                .isEqualTo("member");

        // granted again, the same token works again: the token never carried the authority
        assertThat(admin.put("/api/v1/users/access-companion-1/role", Map.of("role", "companion")).status())
                .isEqualTo(200);
        assertThat(companion.get(EARNINGS.formatted("access-companion-1")).status()).isEqualTo(200);
    }

    @Test
    void aTokenThatClaimsAStaffRoleHearthDoesNotRecordIsAMember() {
        Api formerAdmin = as("admin", "access-former-admin");
        assertThat(formerAdmin.get("/actuator/prometheus").status()).isEqualTo(200);
        Api root = as("superadmin", "access-root-1");
        assertThat(root.delete("/api/v1/users/access-former-admin/role/admin").status()).isEqualTo(200);
        assertThat(formerAdmin.get("/actuator/prometheus").status()).isEqualTo(403);
        assertThat(formerAdmin.post(EARNINGS.formatted("someone"), null).status()).isEqualTo(403);
    }

    @Test
    void onlyASuperadminGrantsAdminAndAdminsGrantSupervisorsAndCompanions() {
        Api root = as("superadmin", "access-root-2");
        Api admin = as("admin", "access-admin-2");
        Api supervisor = as("supervisor", "access-supervisor-2");

        var byAdmin = admin.put("/api/v1/users/access-u1/role", Map.of("role", "admin"));
        assertThat(byAdmin.status()).isEqualTo(403);
        assertThat(byAdmin.code()).isEqualTo("ROLE_CHANGE_FORBIDDEN");
        assertThat(root.put("/api/v1/users/access-u1/role", Map.of("role", "admin")).body().get("role").asString())
                .isEqualTo("admin");

        assertThat(admin.put("/api/v1/users/access-u2/role", Map.of("role", "supervisor")).status()).isEqualTo(200);
        assertThat(admin.put("/api/v1/users/access-u3/role", Map.of("role", "companion")).status()).isEqualTo(200);
        // an admin may not demote another admin, nor anyone grant superadmin
        assertThat(admin.put("/api/v1/users/access-u1/role", Map.of("role", "companion")).code())
                .isEqualTo("ROLE_CHANGE_FORBIDDEN");
        assertThat(root.put("/api/v1/users/access-u4/role", Map.of("role", "superadmin")).code())
                .isEqualTo("ROLE_CHANGE_FORBIDDEN");
        assertThat(admin.delete("/api/v1/users/access-u1/role/admin").code()).isEqualTo("ROLE_CHANGE_FORBIDDEN");
        // supervisors and below never reach the rules: the route is for admins
        assertThat(supervisor.put("/api/v1/users/access-u5/role", Map.of("role", "companion")).status())
                .isEqualTo(403);
        // nobody changes their own role
        assertThat(root.delete("/api/v1/users/access-root-2/role/superadmin").code())
                .isEqualTo("OWN_ROLE_CHANGE_FORBIDDEN");
        // revoking a role the user does not hold is a conflict, and bad input names the field
        assertThat(admin.delete("/api/v1/users/access-u3/role/supervisor").code()).isEqualTo("ROLE_NOT_HELD");
        var unknown = admin.put("/api/v1/users/access-u3/role", Map.of("role", "king"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().get("field").asString()).isEqualTo("role");
        // granting a role already held changes nothing and records nothing
        long before = actionsAbout(root, "access-u3").size();
        assertThat(admin.put("/api/v1/users/access-u3/role", Map.of("role", "companion")).status()).isEqualTo(200);
        assertThat(actionsAbout(root, "access-u3")).hasSize((int) before);
    }

    @Test
    void aMemberReadsOnlyTheirOwnRoleAndAnAdminReadsAnyone() {
        Api member = as("member", "access-member-1");
        assertThat(member.get("/api/v1/users/access-member-1/role").body().get("role").asString())
                .isEqualTo("member");
        assertThat(member.get("/api/v1/users/access-admin-3/role").status()).isEqualTo(403);
        assertThat(as("admin", "access-admin-3").get("/api/v1/users/access-member-1/role").status()).isEqualTo(200);
    }

    @Test
    void everyGrantAndRevokeIsInTheStaffAuditTrailWithWhoWhatAndWhen() {
        Api root = as("superadmin", "access-root-4");
        Api admin = as("admin", "access-admin-4");
        admin.put("/api/v1/users/access-trail-u/role", Map.of("role", "companion"));
        admin.put("/api/v1/users/access-trail-u/role", Map.of("role", "supervisor"));
        admin.delete("/api/v1/users/access-trail-u/role/supervisor");

        var actions = actionsAbout(root, "access-trail-u");
        assertThat(actions).extracting(a -> a.get("kind").asString() + " " + a.get("before").asString() + "->"
                        + a.get("after").asString() + " by " + a.get("actor").asString())
                .containsExactly(
                        "ROLE_REVOKED supervisor->member by admin:access-admin-4",
                        "ROLE_GRANTED companion->supervisor by admin:access-admin-4",
                        "ROLE_GRANTED member->companion by admin:access-admin-4");
        assertThat(actions).allSatisfy(a -> assertThat(a.get("at").asString()).isNotBlank());

        // only a superadmin reads the trail
        assertThat(admin.get("/api/v1/audit/staff-actions").status()).isEqualTo(403);
        assertThat(as("member", "access-member-4").get("/api/v1/audit/staff-actions").status()).isEqualTo(403);

        // the trail pages with a cursor and filters by kind and actor
        var page = root.get("/api/v1/audit/staff-actions?actorId=admin:access-admin-4&limit=2");
        assertThat(page.body().get("items")).hasSize(2);
        var rest = root.get("/api/v1/audit/staff-actions?actorId=admin:access-admin-4&limit=2&cursor="
                + page.body().get("nextCursor").asString());
        assertThat(rest.body().get("items")).hasSize(1);
        assertThat(rest.body().get("nextCursor").isNull()).isTrue();
        assertThat(root.get("/api/v1/audit/staff-actions?kind=role_revoked&subject=access-trail-u").body()
                .get("items")).hasSize(1);
        assertThat(root.get("/api/v1/audit/staff-actions?cursor=nonsense").code()).isEqualTo("INVALID_CURSOR");
        assertThat(root.get("/api/v1/audit/staff-actions?kind=coup").body().get("field").asString())
                .isEqualTo("kind");
    }

    @Test
    void theTrailIsAppendOnlyInTheDatabaseItself() {
        Api root = as("superadmin", "access-root-5");
        root.put("/api/v1/users/access-append-u/role", Map.of("role", "admin"));
        var update = org.assertj.core.api.Assertions.catchThrowable(() ->
                jdbc.update("UPDATE staff_action SET actor = 'nobody' WHERE subject = 'access-append-u'"));
        assertThat(update).hasMessageContaining("append-only");
        var delete = org.assertj.core.api.Assertions.catchThrowable(() ->
                jdbc.update("DELETE FROM staff_action WHERE subject = 'access-append-u'"));
        assertThat(delete).hasMessageContaining("append-only");
    }

    @Test
    void everyRoleChangeIsPublishedAsAClaimForTheIdentityProvider() throws Exception {
        Api root = as("superadmin", "access-root-6");
        root.put("/api/v1/users/access-claim-u/role", Map.of("role", "admin"));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            var row = jdbc.queryForMap("SELECT role, version, published_version FROM role_claim WHERE user_id = ?",
                    "access-claim-u");
            if (row.get("published_version").equals(row.get("version"))) {
                assertThat(row.get("role")).isEqualTo("ADMIN");
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the role claim of access-claim-u was not published within 15 s");
    }

    @Test
    void ledgerCorrectionsAndPenaltiesByStaffAreInTheTrailOnceEvenWhenRetried() {
        Api root = as("superadmin", "access-root-7");
        Api admin = as("admin", "access-admin-7");
        admin.post(EARNINGS.formatted("access-ledger-c"), null);
        var correcting = admin.withHeader("Idempotency-Key", "access-fix-1");
        var body = Map.of("coins", 25, "reason", "missed call minutes");
        assertThat(correcting.post(EARNINGS.formatted("access-ledger-c") + "/corrections", body).status())
                .isEqualTo(201);
        correcting.post(EARNINGS.formatted("access-ledger-c") + "/corrections", body);
        admin.post(EARNINGS.formatted("access-ledger-c") + "/penalties",
                Map.of("caseId", "access-case-1", "policyCode", "LATE_FOR_SHIFT"));
        Projections.awaitCaughtUp(jdbc, "staff-actions-from-ledgers");

        var actions = actionsAbout(root, "access-ledger-c");
        assertThat(actions).extracting(a -> a.get("kind").asString())
                .containsExactly("PENALTY_APPLIED", "LEDGER_CORRECTED");
        var correction = actions.get(1);
        assertThat(correction.get("actor").asString()).isEqualTo("admin:access-admin-7");
        assertThat(correction.get("before").asString()).isEqualTo("0");
        assertThat(correction.get("after").asString()).isEqualTo("25");
        assertThat(correction.get("reason").asString()).isEqualTo("missed call minutes");
    }

    @Autowired
    RoleRegistry registry;

    @Autowired
    Transactions transactions;

    @Test
    void aChangeMadeWhileAnOlderClaimIsBeingPublishedIsNotLost() {
        // dated in the future so that the running relay leaves these rows alone
        var later = java.time.Instant.parse("2100-01-01T00:00:00Z");
        transactions.run(() -> registry.assign("access-race-u", Role.COMPANION, "test", later));
        var publishing = new RoleRegistry.PendingClaim("access-race-u", Role.COMPANION, 1, 0);
        // a newer change commits while version 1 is being published
        transactions.run(() -> registry.assign("access-race-u", Role.SUPERVISOR, "test", later));
        transactions.run(() -> registry.claimPublished(publishing, later));
        assertThat(claimRow("access-race-u")).isEqualTo("SUPERVISOR v2 published v1");
        transactions.run(() -> registry.claimPublished(
                new RoleRegistry.PendingClaim("access-race-u", Role.SUPERVISOR, 2, 0), later));
        transactions.run(() -> registry.claimPublished(publishing, later));
        assertThat(claimRow("access-race-u")).isEqualTo("SUPERVISOR v2 published v2");
    }

    private String claimRow(String userId) {
        var row = jdbc.queryForMap("SELECT role, version, published_version FROM role_claim WHERE user_id = ?",
                userId);
        return row.get("role") + " v" + row.get("version") + " published v" + row.get("published_version");
    }

    private static java.util.List<JsonNode> actionsAbout(Api root, String subject) {
        var items = new ArrayList<JsonNode>();
        root.get("/api/v1/audit/staff-actions?subject=" + subject).body().get("items").forEach(items::add);
        return items;
    }
}
