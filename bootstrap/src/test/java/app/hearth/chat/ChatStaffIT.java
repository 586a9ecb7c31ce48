package app.hearth.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.application.money.wallet.Wallets;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.support.Api;
import app.hearth.support.IntegrationTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Chat and staff (issue 16 points 9 to 11, ADR 0050), through HTTP: a companion's private notes (the member never
 * learns they exist, every save a version, staff in scope read them); staff in scope read a conversation and its
 * messages, each read in the staff audit trail, and never write; a supervisor of another team is told it does not
 * exist; closing an account keeps the companion's conversation as a former member's, without the member's ids.
 */
class ChatStaffIT extends IntegrationTest {

    static final Actor ADMIN = new Actor("chat-staff-admin", Role.ADMIN);

    @Autowired
    Wallets wallets;

    static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** An active companion (invited, profile saved) in a new team led by a new supervisor; [companion, supervisor]. */
    String[] companionInTeam(String name) {
        String companionId = id("staff-companion");
        String supervisorId = id("staff-supervisor");
        Api admin = as("admin", ADMIN.userId());
        admin.post("/api/v1/companions", Map.of("userId", companionId, "displayName", name));
        var saved = as("companion", companionId).put("/api/v1/me/companion-profile", Map.of("displayName", name,
                "languages", List.of("en"), "gender", "female", "birthYear", 1970, "yearsOfExperience", 2,
                "timeZone", "Europe/London"));
        assertThat(saved.status()).as(saved.raw().body()).isEqualTo(200);
        as("supervisor", supervisorId).get("/api/v1/me/profile"); // records the supervisor role
        String teamId = admin.post("/api/v1/teams", Map.of("name", "team of " + supervisorId)).body().get("teamId")
                .asString();
        assertThat(admin.put("/api/v1/teams/" + teamId + "/supervisor", Map.of("supervisorId", supervisorId))
                .status()).isEqualTo(200);
        assertThat(admin.put("/api/v1/companions/" + companionId + "/team", Map.of("teamId", teamId)).status())
                .isEqualTo(200);
        return new String[] {companionId, supervisorId, teamId};
    }

    /** A registered member with tokens to write. */
    String member(String name) {
        String memberId = id("staff-member");
        var body = new LinkedHashMap<String, Object>();
        body.put("displayName", name);
        body.put("birthYear", 1948);
        body.put("languages", List.of("en"));
        body.put("timeZone", "Europe/Berlin");
        as("member", memberId).put("/api/v1/me/profile", body);
        wallets.grant(ADMIN, memberId, "grant-" + memberId, 100, "chat staff test");
        return memberId;
    }

    static Map<String, Object> text(String clientMessageId, String text) {
        return Map.of("clientMessageId", clientMessageId, "text", text);
    }

    /** The member's first message to the companion, then the companion's answer; the conversation id. */
    String conversation(String memberId, String companionId) {
        var opened = as("member", memberId).post("/api/v1/companions/" + companionId + "/messages",
                text("m1", "Hello, I am Ada from Leeds"));
        assertThat(opened.status()).as(opened.raw().body()).isEqualTo(201);
        String conversationId = opened.body().get("conversationId").asString();
        assertThat(as("companion", companionId).post("/api/v1/conversations/" + conversationId + "/messages",
                text("c1", "Hello Ada")).status()).isEqualTo(201);
        return conversationId;
    }

    /** The staff audit trail's conversation reads of {@code conversationId}, oldest first, as "actor what". */
    List<String> readsOf(String conversationId) {
        var items = as("superadmin", "chat-staff-root").get("/api/v1/audit/staff-actions?kind=conversation_read"
                + "&subject=" + conversationId + "&limit=200").body().get("items");
        var reads = new ArrayList<String>();
        for (JsonNode item : items) {
            reads.addFirst(item.get("actor").asString() + " " + item.get("after").asString());
        }
        return reads;
    }

    @Test
    void theCompanionKeepsVersionedNotesStaffInScopeReadThemAndTheMemberNeverLearnsTheyExist() {
        String ada = member("Ada");
        String[] bea = companionInTeam("Bea");
        String[] cat = companionInTeam("Cat");
        String withBea = conversation(ada, bea[0]);
        String notes = "/api/v1/conversations/" + withBea + "/notes";
        Api companion = as("companion", bea[0]);

        var none = companion.get(notes);
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.body().get("version").asLong()).isZero();
        assertThat(none.body().get("text").asString()).isEmpty();
        assertThat(none.header("ETag")).isEqualTo("\"0\"");

        var first = companion.withHeader("If-Match", "\"0\"").put(notes, Map.of("text", "  Likes gardening "));
        assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
        assertThat(first.body().get("version").asLong()).isEqualTo(1);
        assertThat(first.body().get("text").asString()).isEqualTo("Likes gardening");
        assertThat(first.body().get("savedBy").asString()).isEqualTo(bea[0]);
        assertThat(first.header("ETag")).isEqualTo("\"1\"");
        assertThat(companion.put(notes, Map.of("text", "Likes gardening; grandson Tom")).body().get("version")
                .asLong()).isEqualTo(2);
        // a save based on version 1 after version 2: refused, nothing stored
        var stale = companion.withHeader("If-Match", "\"1\"").put(notes, Map.of("text", "overwrites Tom"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("NOTE_VERSION_MISMATCH");
        assertThat(companion.withHeader("If-Match", "two").put(notes, Map.of("text", "x")).code())
                .isEqualTo("INVALID_PARAMETER");
        var tooLong = companion.put(notes, Map.of("text", "x".repeat(4_001)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.code()).isEqualTo("NOTE_TEXT_TOO_LONG");
        // empty clears; the history keeps every version
        assertThat(companion.withHeader("If-Match", "\"2\"").put(notes, Map.of("text", "")).body().get("version")
                .asLong()).isEqualTo(3);
        var current = companion.get(notes).body();
        assertThat(current.get("version").asLong()).isEqualTo(3);
        assertThat(current.get("text").asString()).isEmpty();
        var page = companion.get(notes + "/history?limit=2").body();
        assertThat(page.get("items")).extracting(item -> item.get("version").asLong() + ":" + item.get("text")
                .asString()).containsExactly("3:", "2:Likes gardening; grandson Tom");
        var rest = companion.get(notes + "/history?limit=2&cursor=" + page.get("nextCursor").asString()).body();
        assertThat(rest.get("items")).extracting(item -> item.get("text").asString())
                .containsExactly("Likes gardening");
        assertThat(rest.get("nextCursor").isNull()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from conversation_note where conversation_id = ?",
                Long.class, withBea)).isEqualTo(3);
        assertThatThrownBy(() -> jdbc.update("update conversation_note set text = 'rewritten'"))
                .hasMessageContaining("append-only");

        // the member: exactly as for an unknown conversation, whether notes exist or not
        Api member = as("member", ada);
        for (String path : List.of(notes, notes + "/history")) {
            var hidden = member.get(path);
            assertThat(hidden.status()).isEqualTo(404);
            assertThat(hidden.code()).isEqualTo("CONVERSATION_NOT_FOUND");
            assertThat(member.get(path.replace(withBea, "no-such-conversation")).code())
                    .isEqualTo("CONVERSATION_NOT_FOUND");
        }
        assertThat(member.put(notes, Map.of("text", "what do you think of me?")).status()).isEqualTo(404);

        // staff in scope read (audited) and never write; another team's supervisor, another companion: not found
        Api supervisor = as("supervisor", bea[1]);
        assertThat(supervisor.get(notes).body().get("version").asLong()).isEqualTo(3);
        assertThat(supervisor.get(notes + "/history").body().get("items")).hasSize(3);
        var write = supervisor.put(notes, Map.of("text", "supervisor was here"));
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.code()).isEqualTo("CONVERSATION_READ_ONLY");
        assertThat(as("admin", "chat-staff-admin-2").get(notes).status()).isEqualTo(200);
        assertThat(as("admin", "chat-staff-admin-2").put(notes, Map.of("text", "x")).status()).isEqualTo(403);
        for (Api stranger : List.of(as("supervisor", cat[1]), as("companion", cat[0]))) {
            assertThat(stranger.get(notes).code()).isEqualTo("CONVERSATION_NOT_FOUND");
            assertThat(stranger.get(notes + "/history").status()).isEqualTo(404);
            assertThat(stranger.put(notes, Map.of("text", "x")).status()).isEqualTo(404);
        }
        assertThat(companion.get(notes).body().get("version").asLong()).as("no staff write stored").isEqualTo(3);
        assertThat(readsOf(withBea)).containsExactly("supervisor:" + bea[1] + " notes",
                "supervisor:" + bea[1] + " notes-history", "admin:chat-staff-admin-2 notes");
    }

    @Test
    void staffInScopeReadAConversationAsItsCompanionSeesItEachReadAuditedAndNeverWrite() {
        String ada = member("Ada");
        String[] bea = companionInTeam("Bea");
        String[] cat = companionInTeam("Cat");
        String withBea = conversation(ada, bea[0]);
        String path = "/api/v1/conversations/" + withBea;

        Api supervisor = as("supervisor", bea[1]);
        var read = supervisor.get(path);
        assertThat(read.status()).as(read.raw().body()).isEqualTo(200);
        assertThat(read.body().get("companionId").asString()).isEqualTo(bea[0]);
        assertThat(read.body().get("memberId").asString()).isEqualTo(ada);
        assertThat(read.body().get("other").get("displayName").asString()).isEqualTo("Ada");
        assertThat(read.body().get("other").get("former").asBoolean()).isFalse();
        var messages = supervisor.get(path + "/messages");
        assertThat(messages.status()).isEqualTo(200);
        assertThat(messages.body().get("items")).extracting(item -> item.get("text").asString())
                .containsExactly("Hello, I am Ada from Leeds", "Hello Ada");
        for (Api staff : List.of(supervisor, as("admin", "chat-staff-admin-3"), as("superadmin", "chat-staff-root"))) {
            var sent = staff.post(path + "/messages", text("staff-1", "a word from staff"));
            assertThat(sent.status()).isEqualTo(403);
            assertThat(sent.code()).isEqualTo("CONVERSATION_READ_ONLY");
            assertThat(staff.post(path + "/receipts", Map.of("readUpTo", 2)).code())
                    .isEqualTo("CONVERSATION_READ_ONLY");
        }
        assertThat(as("admin", "chat-staff-admin-3").get(path + "/messages?after=1").body().get("items"))
                .hasSize(1);
        assertThat(as("superadmin", "chat-staff-root").get(path).status()).isEqualTo(200);
        // another team's supervisor and another companion: as for an unknown id, and nothing recorded
        for (Api stranger : List.of(as("supervisor", cat[1]), as("companion", cat[0]))) {
            var hidden = stranger.get(path);
            assertThat(hidden.status()).isEqualTo(404);
            assertThat(hidden.code()).isEqualTo("CONVERSATION_NOT_FOUND");
            assertThat(stranger.get(path + "/messages").status()).isEqualTo(404);
            assertThat(stranger.post(path + "/messages", text("x-1", "hi")).status()).isEqualTo(404);
        }
        assertThat(jdbc.queryForObject("select count(*) from chat_message where conversation_id = ?", Long.class,
                withBea)).as("no staff message stored").isEqualTo(2);
        assertThat(as("member", ada).get(path).body().get("myReceipts").get("readUpTo").asLong())
                .as("no staff receipt stored").isZero();
        assertThat(readsOf(withBea)).containsExactly("supervisor:" + bea[1] + " conversation",
                "supervisor:" + bea[1] + " messages", "admin:chat-staff-admin-3 messages",
                "superadmin:chat-staff-root conversation");

        // the team is checked on every request: the companion moves, the reading supervisor changes
        as("admin", ADMIN.userId()).put("/api/v1/companions/" + bea[0] + "/team", Map.of("teamId", cat[2]));
        assertThat(supervisor.get(path).status()).isEqualTo(404);
        assertThat(as("supervisor", cat[1]).get(path).status()).isEqualTo(200);
    }

    @Test
    void closingAnAccountKeepsTheCompanionsConversationAsAFormerMembersWithoutTheMembersIds() {
        String ada = member("Ada");
        String[] bea = companionInTeam("Bea");
        String withBea = conversation(ada, bea[0]);
        String path = "/api/v1/conversations/" + withBea;
        Api companion = as("companion", bea[0]);
        Api member = as("member", ada);
        assertThat(member.post(path + "/messages", text("m2", "See you tomorrow")).status()).isEqualTo(201);
        companion.put(path + "/notes", Map.of("text", "Ada lives in Leeds"));
        String changes = companion.get("/api/v1/me/conversations").body().get("changesCursor").asString();

        assertThat(member.delete("/api/v1/me").status()).isEqualTo(204);

        String pseudonym = jdbc.queryForObject("select member_id from conversation where conversation_id = ?",
                String.class, withBea);
        assertThat(pseudonym).startsWith("anon-");
        assertThat(jdbc.queryForObject("select count(*) from closed_member where pseudonym = ?", Long.class,
                pseudonym)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from conversation where member_id = ?", Long.class, ada))
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from chat_message where sender_id = ?", Long.class, ada))
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from chat_user_change where user_id = ?", Long.class, ada))
                .isZero();

        // the companion's history is intact, the member shown as a former member; their catch-up sees the change
        var list = companion.get("/api/v1/me/conversations").body().get("items");
        assertThat(list).hasSize(1);
        JsonNode former = list.get(0);
        assertThat(former.get("conversationId").asString()).isEqualTo(withBea);
        assertThat(former.get("memberId").asString()).isEqualTo(pseudonym);
        assertThat(former.get("other").get("former").asBoolean()).isTrue();
        assertThat(former.get("other").get("displayName").asString()).isEqualTo("Former member");
        assertThat(former.get("other").get("userId").asString()).isEqualTo(pseudonym);
        assertThat(former.get("lastMessage").get("text").asString()).isEqualTo("See you tomorrow");
        var messages = companion.get(path + "/messages").body().get("items");
        assertThat(messages).extracting(item -> item.get("senderId").asString() + ": " + item.get("text").asString())
                .containsExactly(pseudonym + ": Hello, I am Ada from Leeds", bea[0] + ": Hello Ada",
                        pseudonym + ": See you tomorrow");
        assertThat(companion.get("/api/v1/me/conversations?changedSince=" + changes).body().get("items"))
                .extracting(item -> item.get("conversationId").asString()).containsExactly(withBea);
        assertThat(companion.get(path + "/notes").body().get("text").asString()).isEqualTo("Ada lives in Leeds");
        assertThat(as("supervisor", bea[1]).get(path).body().get("other").get("former").asBoolean()).isTrue();

        // nobody writes in it any more; the companion still reads to the end
        var refused = companion.post(path + "/messages", text("c2", "Are you there?"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("CONVERSATION_MEMBER_CLOSED");
        assertThat(companion.post(path + "/receipts", Map.of("readUpTo", 3)).status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from chat_message where conversation_id = ?", Long.class,
                withBea)).isEqualTo(3);

        // the same user id comes back: a new member, who does not see the old conversation, and gets a new one
        assertThat(member.get("/api/v1/me/conversations").body().get("items")).isEmpty();
        assertThat(member.get(path).code()).isEqualTo("CONVERSATION_NOT_FOUND");
        assertThat(member.post(path + "/messages", text("m3", "me again")).status()).isEqualTo(404);
        wallets.grant(ADMIN, ada, "grant-again-" + ada, 10, "chat staff test");
        var back = member.post("/api/v1/companions/" + bea[0] + "/messages", text("m1", "Hello again"));
        assertThat(back.status()).as(back.raw().body()).isEqualTo(201);
        String anew = back.body().get("conversationId").asString();
        assertThat(anew).isNotEqualTo(withBea);
        assertThat(back.body().get("seq").asLong()).isEqualTo(1);
        assertThat(back.body().get("messageId").asString()).as("a new message, a new wallet movement")
                .isNotEqualTo(messages.get(0).get("messageId").asString());
        assertThat(member.get("/api/v1/me/conversations").body().get("items")).extracting(
                item -> item.get("conversationId").asString()).containsExactly(anew);
        assertThat(companion.get("/api/v1/me/conversations").body().get("items")).hasSize(2);
        assertThat(companion.get("/api/v1/conversations/" + anew + "/notes").body().get("version").asLong())
                .as("the former member's notes stay with the former conversation").isZero();

        // closing again: the returning member's conversation is a former member's too, under the same pseudonym
        assertThat(member.delete("/api/v1/me").status()).isEqualTo(204);
        assertThat(jdbc.queryForObject("select count(*) from conversation where member_id = ? and companion_id = ?",
                Long.class, pseudonym, bea[0])).isEqualTo(2);
        assertThat(member.delete("/api/v1/me").status()).as("repeatable").isEqualTo(204);
    }
}
