package app.hearth.chat;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.application.earnings.EarningsEventHistory;
import app.hearth.application.money.wallet.Wallets;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.earnings.ActivityKind;
import app.hearth.domain.earnings.EarningsEvent;
import app.hearth.support.Api;
import app.hearth.support.DatabaseOutage;
import app.hearth.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A send that fails after its steps ran (issue 16, point 3: "exactly once … after a crash between any two steps").
 * A send is one transaction: lock the conversation, charge the member's wallet, credit the companion, store the
 * message, then take both participants' change numbers. Taking away the table of that last step makes every send fail
 * after the charge, the credit and the message were written, as a node dying before its commit does: PostgreSQL
 * keeps none of them, no node's memory believes them (the committed-only wallet cache, ADR 0042), and the client's
 * retry of the same message is charged, credited and stored exactly once.
 */
class ChatCrashIT extends IntegrationTest {

    static final Actor ADMIN = new Actor("chat-crash-admin", Role.ADMIN);

    @Autowired
    Wallets wallets;
    @Autowired
    EarningsEventHistory earnings;

    static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    String companion() {
        String companionId = id("crash-companion");
        as("admin", ADMIN.userId()).post("/api/v1/companions", Map.of("userId", companionId, "displayName", "Bea"));
        var saved = as("companion", companionId).put("/api/v1/me/companion-profile", Map.of("displayName", "Bea",
                "bio", "Likes tea", "languages", List.of("en"), "gender", "female", "birthYear", 1970,
                "yearsOfExperience", 2, "timeZone", "Europe/London"));
        assertThat(saved.status()).as(saved.raw().body()).isEqualTo(200);
        return companionId;
    }

    String member(long tokens) {
        String memberId = id("crash-member");
        assertThat(as("member", memberId).put("/api/v1/me/profile", Map.of("displayName", "Ada", "birthYear", 1948,
                "languages", List.of("en"), "timeZone", "Europe/Berlin")).status()).isEqualTo(201);
        wallets.grant(ADMIN, memberId, "grant-" + memberId, tokens, "chat crash test");
        return memberId;
    }

    Api.Response say(String role, String userId, String conversationId, String clientMessageId) {
        return as(role, userId).post("/api/v1/conversations/" + conversationId + "/messages",
                Map.of("clientMessageId", clientMessageId, "text", "text of " + clientMessageId));
    }

    long charges(String memberId) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?"
                + " and payload_type like '%MessageCharged%'", Long.class, "wallet:" + memberId);
    }

    long spendable(String memberId) {
        return as("member", memberId).get("/api/v1/me/wallet").body().get("tokens").get("spendable").asLong();
    }

    long stored(String conversationId) {
        return jdbc.queryForObject("select count(*) from chat_message where conversation_id = ?", Long.class,
                conversationId);
    }

    List<String> creditedReferences(String companionId) {
        return earnings.history(companionId).stream()
                .filter(EarningsEvent.ActivityCredited.class::isInstance)
                .map(EarningsEvent.ActivityCredited.class::cast)
                .filter(credit -> credit.activity() == ActivityKind.CHAT_MESSAGE)
                .map(credit -> credit.entry().reference())
                .toList();
    }

    @Test
    void aSendThatDiesAfterItsChargeCreditAndMessageKeepsNoneAndItsRetryIsPaidCreditedAndStoredOnce() {
        String ada = member(10);
        String bea = companion();
        var first = as("member", ada).post("/api/v1/companions/" + bea + "/messages",
                Map.of("clientMessageId", "m1", "text", "Hello"));
        assertThat(first.status()).as(first.raw().body()).isEqualTo(201);
        String conversation = first.body().get("conversationId").asString();
        var asked = say("member", ada, conversation, "m2");
        assertThat(asked.status()).isEqualTo(201);
        assertThat(charges(ada)).isEqualTo(2);
        assertThat(spendable(ada)).isEqualTo(8);

        try (var outage = DatabaseOutage.of(jdbc, "chat_user_change")) {
            // the companion's answer would credit m2; the member's next message would be charged
            var answer = say("companion", bea, conversation, "r1");
            assertThat(answer.status()).as(answer.raw().body()).isGreaterThanOrEqualTo(500);
            var next = say("member", ada, conversation, "m3");
            assertThat(next.status()).as(next.raw().body()).isGreaterThanOrEqualTo(500);

            assertThat(stored(conversation)).as("nothing stored").isEqualTo(2);
            assertThat(charges(ada)).as("nothing charged").isEqualTo(2);
            assertThat(creditedReferences(bea)).as("nothing credited").isEmpty();
        }
        assertThat(spendable(ada)).isEqualTo(8);

        // the clients retry the same messages: each is stored, paid and credited exactly once
        var answer = say("companion", bea, conversation, "r1");
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        var next = say("member", ada, conversation, "m3");
        assertThat(next.status()).as(next.raw().body()).isEqualTo(201);
        assertThat(say("companion", bea, conversation, "r1").status()).isEqualTo(200);
        assertThat(say("member", ada, conversation, "m3").status()).isEqualTo(200);

        assertThat(stored(conversation)).isEqualTo(4);
        assertThat(answer.body().get("seq").asLong()).isEqualTo(3);
        assertThat(next.body().get("seq").asLong()).isEqualTo(4);
        assertThat(charges(ada)).isEqualTo(3);
        assertThat(spendable(ada)).isEqualTo(7);
        assertThat(creditedReferences(bea)).containsExactly(asked.body().get("messageId").asString());
    }
}
