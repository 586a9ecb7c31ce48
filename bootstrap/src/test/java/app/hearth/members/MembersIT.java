package app.hearth.members;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.application.access.AccessAdministration;
import app.hearth.application.access.StaffAuditTrail;
import app.hearth.application.members.ClosedMembers;
import app.hearth.application.members.IdentityAttached;
import app.hearth.application.members.MemberIdentities;
import app.hearth.application.members.MemberListener;
import app.hearth.application.members.MemberProfiles;
import app.hearth.application.members.Members;
import app.hearth.application.members.MembersService;
import app.hearth.application.members.SubjectKeys;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.support.Api;
import app.hearth.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A member's own data: the profile and its rules, fields nobody may set, the export, closing the account
 * (checked in the database), identities with their uniqueness under a race, and isolation between members.
 */
class MembersIT extends IntegrationTest {

    private static final String PROFILE = "/api/v1/me/profile";
    private static final String IDENTITIES = "/api/v1/me/identities";
    private static final String EXPORT = "/api/v1/me/export";
    private static final String ME = "/api/v1/me";

    private static Map<String, Object> profile(String displayName) {
        var body = new HashMap<String, Object>();
        body.put("displayName", displayName);
        body.put("birthYear", 1949);
        body.put("languages", List.of("en", "DE"));
        body.put("timeZone", "Europe/Berlin");
        body.put("interests", List.of("music", "LIFE_STORIES"));
        body.put("contactEmail", "someone@example.org");
        return body;
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        var changed = new HashMap<>(body);
        changed.put(field, value);
        return changed;
    }

    private static Map<String, String> identity(String kind, String value) {
        return Map.of("kind", kind, "value", value);
    }

    private int rows(String sql, Object... arguments) {
        return jdbc.queryForObject(sql, Integer.class, arguments);
    }

    @Test
    void aMemberCreatesReadsAndReplacesTheirProfile() {
        Api ada = as("member", "members-ada");
        var missing = ada.get(PROFILE);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("PROFILE_NOT_FOUND");

        var created = ada.put(PROFILE, profile("  Ada Lovelace "));
        assertThat(created.status()).isEqualTo(201);
        JsonNode body = created.body();
        assertThat(body.get("displayName").asString()).isEqualTo("Ada Lovelace");
        assertThat(body.get("birthYear").asInt()).isEqualTo(1949);
        assertThat(body.get("languages").toString()).isEqualTo("[\"en\",\"de\"]");
        assertThat(body.get("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(body.get("interests").toString()).isEqualTo("[\"music\",\"life_stories\"]");
        assertThat(body.get("contactEmail").asString()).isEqualTo("someone@example.org");

        var read = ada.get(PROFILE);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(body);

        var edit = with(with(profile("Ada"), "interests", List.of("grief_and_loss")), "contactEmail", null);
        var replaced = ada.put(PROFILE, with(edit, "timeZone", "America/Argentina/Buenos_Aires"));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.body().get("displayName").asString()).isEqualTo("Ada");
        assertThat(replaced.body().get("interests").toString()).isEqualTo("[\"grief_and_loss\"]");
        assertThat(replaced.body().get("contactEmail").isNull()).isTrue();
        assertThat(replaced.body().get("timeZone").asString()).isEqualTo("America/Argentina/Buenos_Aires");
        assertThat(replaced.body().get("createdAt")).isEqualTo(body.get("createdAt"));
        assertThat(Instant.parse(replaced.body().get("updatedAt").asString()))
                .isAfterOrEqualTo(Instant.parse(body.get("updatedAt").asString()));
        assertThat(ada.get(PROFILE).body()).isEqualTo(replaced.body());
        assertThat(rows("SELECT count(*) FROM member_profile WHERE user_id = 'members-ada'")).isEqualTo(1);
    }

    @Test
    void badInputIsRefusedWithAStableCodeAndTheField() {
        Api bo = as("member", "members-bo");
        int tooYoung = Year.now().getValue() - 17;
        var cases = List.of(
                List.of(with(profile("Bo"), "timeZone", "Mars/Olympus_Mons"), "INVALID_TIME_ZONE", "timeZone"),
                List.of(with(profile("Bo"), "timeZone", "+02:00"), "INVALID_TIME_ZONE", "timeZone"),
                List.of(with(profile("Bo"), "interests", List.of("music", "skydiving")), "UNKNOWN_INTEREST",
                        "interests"),
                List.of(with(profile("Bo"), "languages", List.of("en", "english")), "INVALID_LANGUAGE", "languages"),
                List.of(with(profile("Bo"), "languages", List.of("en-US")), "INVALID_LANGUAGE", "languages"),
                List.of(with(profile("Bo"), "languages", List.of()), "FIELD_REQUIRED", "languages"),
                List.of(with(profile("Bo"), "birthYear", tooYoung), "INVALID_BIRTH_YEAR", "birthYear"),
                List.of(with(profile("Bo"), "birthYear", 1899), "INVALID_BIRTH_YEAR", "birthYear"),
                List.of(with(profile("Bo"), "birthYear", null), "FIELD_REQUIRED", "birthYear"),
                List.of(with(profile("Bo"), "contactEmail", "bo@nowhere"), "INVALID_EMAIL", "contactEmail"),
                List.of(with(profile("Bo"), "contactEmail", "not an email"), "INVALID_EMAIL", "contactEmail"),
                List.of(with(profile("Bo"), "displayName", " "), "FIELD_REQUIRED", "displayName"),
                List.of(with(profile("Bo"), "displayName", "B".repeat(61)), "INVALID_DISPLAY_NAME", "displayName"));
        for (var example : cases) {
            @SuppressWarnings("unchecked")
            var refused = bo.put(PROFILE, (Map<String, Object>) example.get(0));
            assertThat(refused.status()).as(example.toString()).isEqualTo(400);
            assertThat(refused.code()).as(example.toString()).isEqualTo(example.get(1));
            assertThat(refused.body().get("field").asString()).as(example.toString()).isEqualTo(example.get(2));
            assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
        }
        // the wrong JSON type, or no body at all, is a malformed request, never a 500
        assertThat(bo.put(PROFILE, with(profile("Bo"), "birthYear", "long ago")).code())
                .isEqualTo("MALFORMED_REQUEST");
        assertThat(bo.put(PROFILE, with(profile("Bo"), "languages", "en")).code()).isEqualTo("MALFORMED_REQUEST");
        assertThat(bo.put(PROFILE, null).code()).isEqualTo("MALFORMED_REQUEST");
        assertThat(bo.get(PROFILE).status()).isEqualTo(404);
        assertThat(rows("SELECT count(*) FROM member_profile WHERE user_id = 'members-bo'")).isZero();
    }

    @Test
    void fieldsAMemberMayNotSetAreIgnored() {
        Api cy = as("member", "members-cy");
        var attempt = with(with(with(with(with(profile("Cy"), "userId", "members-victim"), "role", "superadmin"),
                "memberId", "members-victim"), "deletedAt", "2020-01-01T00:00:00Z"), "createdAt",
                "2000-01-01T00:00:00Z");
        var saved = cy.put(PROFILE, attempt);
        assertThat(saved.status()).isEqualTo(201);
        assertThat(saved.body().has("userId")).isFalse();
        assertThat(saved.body().has("role")).isFalse();
        assertThat(saved.body().has("deletedAt")).isFalse();
        assertThat(Instant.parse(saved.body().get("createdAt").asString())).isAfter(Instant.parse("2020-01-01T00:00:00Z"));

        // the profile is the caller's, nobody else got one, and no role changed
        assertThat(rows("SELECT count(*) FROM member_profile WHERE user_id = 'members-cy'")).isEqualTo(1);
        assertThat(rows("SELECT count(*) FROM member_profile WHERE user_id = 'members-victim'")).isZero();
        assertThat(rows("SELECT count(*) FROM user_role WHERE user_id IN ('members-cy', 'members-victim')")).isZero();
        assertThat(cy.get("/api/v1/users/members-cy/role").body().get("role").asString()).isEqualTo("member");
        assertThat(cy.get("/actuator/prometheus").status()).isEqualTo(403);
        assertThat(as("member", "members-victim").get(PROFILE).status()).isEqualTo(404);

        // the same for an identity: it is attached to the caller whatever the body says
        var attached = cy.post(IDENTITIES, Map.of("kind", "app_install_id", "value", "members-cy-install",
                "userId", "members-victim", "attachedAt", "2000-01-01T00:00:00Z"));
        assertThat(attached.status()).isEqualTo(201);
        assertThat(jdbc.queryForObject("SELECT user_id FROM member_identity WHERE value = 'members-cy-install'",
                String.class)).isEqualTo("members-cy");
        assertThat(Instant.parse(attached.body().get("attachedAt").asString()))
                .isAfter(Instant.parse("2020-01-01T00:00:00Z"));
    }

    @Test
    void theExportHoldsEverythingHearthHasAboutTheCaller() {
        Api dee = as("member", "members-dee");
        Api admin = as("admin", "members-admin-1");
        // Dee was a companion for a while: two staff actions about her
        assertThat(admin.put("/api/v1/users/members-dee/role", Map.of("role", "companion")).status()).isEqualTo(200);
        assertThat(admin.delete("/api/v1/users/members-dee/role/companion").status()).isEqualTo(200);
        dee.put(PROFILE, profile("Dee"));
        dee.post(IDENTITIES, identity("adapty_profile_id", "members-dee-adapty"));
        dee.post(IDENTITIES, identity("stripe_customer_id", "cus_membersDee1"));
        // someone else's data must not appear
        as("member", "members-dee-neighbour").put(PROFILE, profile("Neighbour"));

        Instant before = Instant.now().minusSeconds(1);
        var export = dee.get(EXPORT);
        assertThat(export.status()).isEqualTo(200);
        JsonNode body = export.body();
        assertThat(Instant.parse(body.get("exportedAt").asString())).isAfter(before);
        assertThat(body.get("userId").asString()).isEqualTo("members-dee");
        assertThat(body.get("role").get("role").asString()).isEqualTo("member");
        assertThat(body.get("profile").get("displayName").asString()).isEqualTo("Dee");
        assertThat(body.get("profile").get("contactEmail").asString()).isEqualTo("someone@example.org");
        assertThat(body.get("identities").valueStream().map(i -> i.get("kind").asString() + "=" + i.get("value")
                .asString()).toList())
                .containsExactly("adapty_profile_id=members-dee-adapty", "stripe_customer_id=cus_membersDee1");
        assertThat(body.get("staffActions").valueStream().map(a -> a.get("kind").asString() + " "
                + a.get("before").asString() + "->" + a.get("after").asString() + " by " + a.get("actor").asString())
                .toList())
                .containsExactly("ROLE_REVOKED companion->member by admin:members-admin-1",
                        "ROLE_GRANTED member->companion by admin:members-admin-1");
        assertThat(body.get("accountClosedAt").isNull()).isTrue();
        assertThat(body.toString()).doesNotContain("Neighbour").doesNotContain("members-dee-neighbour");
    }

    @Autowired
    SubjectKeys subjectKeys;

    @Test
    void closingAnAccountErasesPersonalDataKeepsAPseudonymAndIsIdempotent() {
        String userId = "members-eve";
        Api eve = as("member", userId);
        Api admin = as("admin", "members-admin-2");
        admin.put("/api/v1/users/" + userId + "/role", Map.of("role", "companion"));
        admin.delete("/api/v1/users/" + userId + "/role/companion");
        assertThat(eve.put(PROFILE, profile("Eve")).status()).isEqualTo(201);
        eve.post(IDENTITIES, identity("app_install_id", "members-eve-install"));
        eve.post(IDENTITIES, identity("stripe_customer_id", "cus_membersEve1"));
        int closedBefore = rows("SELECT count(*) FROM closed_member");
        int trailAboutEve = rows("SELECT count(*) FROM staff_action WHERE subject = ?", userId);
        assertThat(trailAboutEve).isEqualTo(2);

        var closed = eve.delete(ME);
        assertThat(closed.status()).isEqualTo(204);

        // personal data is gone from the database itself
        assertThat(rows("SELECT count(*) FROM member_profile WHERE user_id = ?", userId)).isZero();
        assertThat(rows("SELECT count(*) FROM member_identity WHERE user_id = ?", userId)).isZero();
        assertThat(rows("SELECT count(*) FROM member_identity WHERE value IN ('members-eve-install', "
                + "'cus_membersEve1')")).isZero();
        // one closure, under a pseudonym, linked only by the keyed hash (neither the id nor its plain SHA-256)
        assertThat(rows("SELECT count(*) FROM closed_member")).isEqualTo(closedBefore + 1);
        var closure = jdbc.queryForMap("SELECT pseudonym, subject_key, closed_at FROM closed_member "
                + "WHERE subject_key = ?", subjectKeys.of(userId));
        assertThat((String) closure.get("pseudonym")).matches("anon-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-"
                + "[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(closure.values()).allSatisfy(value -> assertThat(String.valueOf(value)).doesNotContain(userId));
        assertThat(rows("SELECT count(*) FROM closed_member WHERE subject_key = ?", sha256(userId))).isZero();
        // the role is a member's; the append-only staff audit trail keeps its entries (adr/0012)
        assertThat(rows("SELECT count(*) FROM user_role WHERE user_id = ?", userId)).isZero();
        assertThat(rows("SELECT count(*) FROM staff_action WHERE subject = ?", userId)).isEqualTo(trailAboutEve);

        // through the API: nothing personal is left
        assertThat(eve.get(PROFILE).code()).isEqualTo("PROFILE_NOT_FOUND");
        assertThat(eve.get(IDENTITIES).body().get("items")).isEmpty();
        JsonNode export = eve.get(EXPORT).body();
        assertThat(export.get("profile").isNull()).isTrue();
        assertThat(export.get("identities")).isEmpty();
        assertThat(export.get("role").get("role").asString()).isEqualTo("member");
        assertThat(export.get("accountClosedAt").isNull()).isFalse();
        assertThat(export.toString()).doesNotContain("Eve\"").doesNotContain("someone@example.org")
                .doesNotContain("members-eve-install");

        // closing again changes nothing
        assertThat(eve.delete(ME).status()).isEqualTo(204);
        assertThat(rows("SELECT count(*) FROM closed_member")).isEqualTo(closedBefore + 1);
        assertThat(jdbc.queryForMap("SELECT pseudonym, subject_key, closed_at FROM closed_member "
                + "WHERE subject_key = ?", subjectKeys.of(userId))).isEqualTo(closure);

        // the freed identity can be attached by someone else; a returning Eve starts afresh and is told apart
        assertThat(as("member", "members-eve-successor").post(IDENTITIES,
                identity("app_install_id", "members-eve-install")).status()).isEqualTo(201);
        assertThat(eve.put(PROFILE, profile("Eve again")).status()).isEqualTo(201);
        assertThat(eve.get(EXPORT).body().get("accountClosedAt").asString())
                .isEqualTo(export.get("accountClosedAt").asString());
        assertThat(as("member", "members-never-closed").get(EXPORT).body().get("accountClosedAt").isNull()).isTrue();
    }

    @Test
    void aUserHoldingAStaffRoleCannotCloseTheirAccountHere() {
        for (String role : List.of("companion", "supervisor", "admin", "superadmin")) {
            Api staff = as(role, "members-staff-" + role);
            staff.put(PROFILE, profile("Staff"));
            var refused = staff.delete(ME);
            assertThat(refused.status()).as(role).isEqualTo(409);
            assertThat(refused.code()).as(role).isEqualTo("STAFF_ACCOUNT_CLOSE_FORBIDDEN");
            assertThat(staff.get(PROFILE).status()).as(role).isEqualTo(200);
            assertThat(staff.get("/api/v1/users/members-staff-" + role + "/role").body().get("role").asString())
                    .isEqualTo(role);
        }
    }

    @Test
    void anIdentityIsAttachedOnceToOneMember() {
        Api fay = as("member", "members-fay");
        Api gus = as("member", "members-gus");
        var first = fay.post(IDENTITIES, identity("adapty_profile_id", "members-fay-adapty"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.body().get("kind").asString()).isEqualTo("adapty_profile_id");
        var again = fay.post(IDENTITIES, identity("ADAPTY_PROFILE_ID", " members-fay-adapty "));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(fay.get(IDENTITIES).body().get("items")).hasSize(1);

        var taken = gus.post(IDENTITIES, identity("adapty_profile_id", "members-fay-adapty"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.code()).isEqualTo("IDENTITY_TAKEN");
        assertThat(taken.raw().body()).doesNotContain("members-fay");
        assertThat(gus.get(IDENTITIES).body().get("items")).isEmpty();
        // the same value under another kind is another identity
        assertThat(gus.post(IDENTITIES, identity("app_install_id", "members-fay-adapty")).status()).isEqualTo(201);

        assertThat(fay.post(IDENTITIES, identity("email", "fay@example.org")).code())
                .isEqualTo("UNKNOWN_IDENTITY_KIND");
        var badStripe = fay.post(IDENTITIES, identity("stripe_customer_id", "acct_123"));
        assertThat(badStripe.status()).isEqualTo(400);
        assertThat(badStripe.code()).isEqualTo("INVALID_IDENTITY_VALUE");
        assertThat(badStripe.body().get("field").asString()).isEqualTo("value");
        assertThat(fay.post(IDENTITIES, Map.of("kind", "app_install_id")).code()).isEqualTo("FIELD_REQUIRED");
        assertThat(rows("SELECT count(*) FROM member_identity WHERE value = 'members-fay-adapty'")).isEqualTo(2);
    }

    @Test
    void ofTwoMembersAttachingOneIdentityAtOnceExactlyOneWins() throws Exception {
        Api hal = as("member", "members-hal");
        Api ivy = as("member", "members-ivy");
        int rounds = 12;
        try (var pool = Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < rounds; round++) {
                var body = identity("stripe_customer_id", "cus_membersRace" + round);
                var barrier = new CyclicBarrier(2);
                Future<Api.Response> byHal = pool.submit(() -> {
                    barrier.await();
                    return hal.post(IDENTITIES, body);
                });
                Future<Api.Response> byIvy = pool.submit(() -> {
                    barrier.await();
                    return ivy.post(IDENTITIES, body);
                });
                var statuses = List.of(byHal.get().status(), byIvy.get().status());
                assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(201, 409);
                var loser = byHal.get().status() == 409 ? byHal.get() : byIvy.get();
                assertThat(loser.code()).isEqualTo("IDENTITY_TAKEN");
                assertThat(rows("SELECT count(*) FROM member_identity WHERE value = ?", "cus_membersRace" + round))
                        .isEqualTo(1);
            }
            // one member sending the same attach twice at once: one creates it, the other sees it is theirs
            for (int round = 0; round < 4; round++) {
                var body = identity("app_install_id", "members-hal-twice-" + round);
                var barrier = new CyclicBarrier(2);
                var results = new ArrayList<Future<Api.Response>>();
                for (int i = 0; i < 2; i++) {
                    results.add(pool.submit(() -> {
                        barrier.await();
                        return hal.post(IDENTITIES, body);
                    }));
                }
                assertThat(List.of(results.get(0).get().status(), results.get(1).get().status()))
                        .containsExactlyInAnyOrder(201, 200);
            }
        }
        int halHolds = hal.get(IDENTITIES).body().get("items").size();
        int ivyHolds = ivy.get(IDENTITIES).body().get("items").size();
        assertThat(halHolds + ivyHolds).isEqualTo(rounds + 4);
    }

    @Test
    void aMemberNeverSeesAnotherMembersData() {
        Api jo = as("member", "members-jo");
        Api kim = as("member", "members-kim");
        jo.put(PROFILE, with(profile("Jo"), "contactEmail", "jo@example.org"));
        jo.post(IDENTITIES, identity("app_install_id", "members-jo-install"));

        // Kim's view of everything is her own, whatever she sends
        assertThat(kim.get(PROFILE).status()).isEqualTo(404);
        assertThat(kim.get(PROFILE + "?userId=members-jo").status()).isEqualTo(404);
        assertThat(kim.get(IDENTITIES).body().get("items")).isEmpty();
        assertThat(kim.get(IDENTITIES + "?userId=members-jo").body().get("items")).isEmpty();
        var kimsExport = kim.get(EXPORT);
        assertThat(kimsExport.body().get("userId").asString()).isEqualTo("members-kim");
        assertThat(kimsExport.raw().body()).doesNotContain("members-jo").doesNotContain("jo@example.org");
        // there is no route that names a member: deny by default
        for (String path : List.of("/api/v1/members/members-jo/profile", "/api/v1/me/members-jo/profile",
                "/api/v1/users/members-jo/profile", "/api/v1/members/members-jo/identities",
                "/api/v1/me/profile/members-jo")) {
            var response = kim.get(path);
            assertThat(response.status()).as(path).isIn(403, 404);
            assertThat(response.raw().body()).as(path).doesNotContain("jo@example.org");
        }
        // writing with Jo's id in the body changes Kim's data only; closing Kim's account leaves Jo's alone
        kim.put(PROFILE, with(profile("Kim"), "userId", "members-jo"));
        assertThat(jo.get(PROFILE).body().get("displayName").asString()).isEqualTo("Jo");
        assertThat(kim.delete(ME).status()).isEqualTo(204);
        assertThat(jo.get(PROFILE).body().get("contactEmail").asString()).isEqualTo("jo@example.org");
        assertThat(jo.get(IDENTITIES).body().get("items")).hasSize(1);
        // anonymous callers get nothing
        assertThat(anonymous().get(PROFILE).status()).isEqualTo(401);
        assertThat(anonymous().delete(ME).status()).isEqualTo(401);
    }

    @Autowired
    MemberProfiles profiles;
    @Autowired
    MemberIdentities identities;
    @Autowired
    ClosedMembers closedMembers;
    @Autowired
    AccessAdministration access;
    @Autowired
    StaffAuditTrail trail;
    @Autowired
    Transactions transactions;
    @Autowired
    Clock clock;

    @Test
    void theIdentityListenerHearsOfANewAttachmentOnceAfterCommit() {
        var heard = new CopyOnWriteArrayList<String>();
        MemberListener recording = (IdentityAttached attached) -> {
            // a fresh connection, outside the attach's transaction: sees the row only once it is committed
            int committed = rows("SELECT count(*) FROM member_identity WHERE kind = ? AND value = ? AND user_id = ?",
                    attached.kind().name(), attached.value(), attached.userId());
            heard.add(attached.userId() + " " + attached.kind().code() + " " + attached.value() + " committed="
                    + committed);
        };
        Members members = service(recording);
        var lou = new Actor("members-lou", Role.MEMBER);

        var attachment = members.attachIdentity(lou, "adapty_profile_id", "members-lou-adapty");
        assertThat(attachment.alreadyAttached()).isFalse();
        assertThat(heard).containsExactly("members-lou adapty_profile_id members-lou-adapty committed=1");
        members.attachIdentity(lou, "adapty_profile_id", "members-lou-adapty");
        assertThat(heard).hasSize(1);

        // a failing listener neither fails the attach nor undoes it
        Members failing = service(attached -> {
            throw new IllegalStateException("the money side is down");
        });
        assertThat(failing.attachIdentity(lou, "app_install_id", "members-lou-install").alreadyAttached()).isFalse();
        assertThat(rows("SELECT count(*) FROM member_identity WHERE value = 'members-lou-install'")).isEqualTo(1);
    }

    private Members service(MemberListener listener) {
        return new MembersService(profiles, identities, closedMembers, access, trail, java.util.List.of(listener), subjectKeys,
                transactions, clock);
    }

    private static String sha256(String text) throws RuntimeException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
