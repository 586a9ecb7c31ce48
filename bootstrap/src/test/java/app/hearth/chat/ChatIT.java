package app.hearth.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.hearth.adapters.money.wallet.jooq.WalletProjection;
import app.hearth.application.earnings.EarningsEventHistory;
import app.hearth.application.money.PaymentApplication;
import app.hearth.application.money.wallet.Wallets;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.earnings.ActivityKind;
import app.hearth.domain.earnings.EarningsEvent;
import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.payments.PaymentEvent;
import app.hearth.domain.money.payments.PaymentEventKind;
import app.hearth.domain.money.payments.PurchaserKeys;
import app.hearth.domain.money.payments.Store;
import app.hearth.domain.money.wallet.ConversionRule;
import app.hearth.support.Api;
import app.hearth.support.HearthNode;
import app.hearth.support.IntegrationTest;
import app.hearth.support.Projections;
import app.hearth.support.RealtimeClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Chat through HTTP (issue 16): conversations of their two participants only, paged and caught up; a retried message
 * is the same one; sequences without a gap under concurrent senders on two nodes; a member's message paid before it
 * is stored on each version (and nothing stored when it cannot be); one companion credit per answered member
 * message; receipts that only move forward, exact unread counts, read receipts a member turned off; frames after
 * commit.
 */
class ChatIT extends IntegrationTest {

    static final Actor ADMIN = new Actor("chat-admin", Role.ADMIN);

    @Autowired
    Wallets wallets;
    @Autowired
    PaymentApplication payments;
    @Autowired
    EarningsEventHistory earnings;

    static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** An active companion (invited, profile saved). */
    String companion(String name) {
        String companionId = id("chat-companion");
        as("admin", ADMIN.userId()).post("/api/v1/companions", Map.of("userId", companionId, "displayName", name));
        var saved = as("companion", companionId).put("/api/v1/me/companion-profile", Map.of("displayName", name,
                "bio", "Likes tea", "languages", List.of("en"), "gender", "female", "birthYear", 1970,
                "yearsOfExperience", 2, "timeZone", "Europe/London"));
        assertThat(saved.status()).as(saved.raw().body()).isEqualTo(200);
        return companionId;
    }

    /** A registered member with {@code tokens} granted (V1). */
    String member(String name, long tokens) {
        String memberId = id("chat-member");
        as("member", memberId).put("/api/v1/me/profile", profile(name, null));
        if (tokens > 0) {
            wallets.grant(ADMIN, memberId, "grant-" + memberId, tokens, "chat test");
        }
        return memberId;
    }

    static Map<String, Object> profile(String name, Boolean sendReadReceipts) {
        var body = new LinkedHashMap<String, Object>();
        body.put("displayName", name);
        body.put("birthYear", 1948);
        body.put("languages", List.of("en"));
        body.put("timeZone", "Europe/Berlin");
        if (sendReadReceipts != null) {
            body.put("sendReadReceipts", sendReadReceipts);
        }
        return body;
    }

    static Map<String, Object> text(String clientMessageId, String text) {
        return Map.of("clientMessageId", clientMessageId, "text", text);
    }

    Api.Response open(String memberId, String companionId, String clientMessageId, String text) {
        return as("member", memberId).post("/api/v1/companions/" + companionId + "/messages",
                text(clientMessageId, text));
    }

    Api.Response say(String role, String userId, String conversationId, String clientMessageId, String text) {
        return as(role, userId).post("/api/v1/conversations/" + conversationId + "/messages",
                text(clientMessageId, text));
    }

    long spendableTokens(String memberId) {
        return as("member", memberId).get("/api/v1/me/wallet").body().get("tokens").get("spendable").asLong();
    }

    long storedMessages(String conversationId) {
        return jdbc.queryForObject("select count(*) from chat_message where conversation_id = ?", Long.class,
                conversationId);
    }

    long conversationsOfPair(String memberId, String companionId) {
        return jdbc.queryForObject("select count(*) from conversation where member_id = ? and companion_id = ?",
                Long.class, memberId, companionId);
    }

    List<EarningsEvent.ActivityCredited> chatCredits(String companionId) {
        return earnings.history(companionId).stream()
                .filter(EarningsEvent.ActivityCredited.class::isInstance)
                .map(EarningsEvent.ActivityCredited.class::cast)
                .filter(credit -> credit.activity() == ActivityKind.CHAT_MESSAGE)
                .toList();
    }

    @Test
    void conversationsAreListedNewestFirstPagedAndCaughtUpAndOnlyTheirParticipantsSeeThem() {
        String ada = member("Ada", 100);
        String bea = companion("Bea");
        String cat = companion("Cat");
        String dan = companion("Dan");
        var toBea = open(ada, bea, "a1", "Hello Bea");
        assertThat(toBea.status()).as(toBea.raw().body()).isEqualTo(201);
        String withBea = toBea.body().get("conversationId").asString();
        assertThat(toBea.body().get("seq").asLong()).isEqualTo(1);
        open(ada, cat, "a2", "Hello Cat");
        open(ada, dan, "a3", "Hello Dan");
        // the companion answers in the conversation the member opened
        assertThat(say("companion", bea, withBea, "b1", "Hello Ada").status()).isEqualTo(201);
        // a second first message to the same companion lands in the same conversation
        var again = open(ada, bea, "a4", "Still there?");
        assertThat(again.body().get("conversationId").asString()).isEqualTo(withBea);
        assertThat(again.body().get("seq").asLong()).isEqualTo(3);
        assertThat(conversationsOfPair(ada, bea)).isEqualTo(1);

        var first = as("member", ada).get("/api/v1/me/conversations?limit=2");
        assertThat(first.status()).isEqualTo(200);
        JsonNode items = first.body().get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("companionId").asString()).isEqualTo(bea);
        assertThat(items.get(0).get("other").get("displayName").asString()).isEqualTo("Bea");
        assertThat(items.get(0).get("other").get("bio").asString()).isEqualTo("Likes tea");
        assertThat(items.get(0).get("other").get("role").asString()).isEqualTo("companion");
        assertThat(items.get(0).get("lastMessage").get("text").asString()).isEqualTo("Still there?");
        assertThat(items.get(0).get("lastSeq").asLong()).isEqualTo(3);
        assertThat(items.get(0).get("unreadCount").asLong()).isEqualTo(1);
        assertThat(items.get(0).get("myReceipts").get("readUpTo").asLong()).isZero();
        assertThat(items.get(1).get("companionId").asString()).isEqualTo(dan);
        var second = as("member", ada).get("/api/v1/me/conversations?limit=2&cursor="
                + first.body().get("nextCursor").asString());
        assertThat(second.body().get("items")).hasSize(1);
        assertThat(second.body().get("items").get(0).get("companionId").asString()).isEqualTo(cat);
        assertThat(second.body().get("nextCursor").isNull()).isTrue();

        // the companion sees the member, by their display name, and two unread messages
        var beasList = as("companion", bea).get("/api/v1/me/conversations").body().get("items");
        assertThat(beasList).hasSize(1);
        assertThat(beasList.get(0).get("other").get("displayName").asString()).isEqualTo("Ada");
        assertThat(beasList.get(0).get("other").get("userId").asString()).isEqualTo(ada);
        assertThat(beasList.get(0).get("unreadCount").asLong()).isEqualTo(2);

        // catch-up: after the list, exactly what changed comes, in change order, and then nothing
        String changes = first.body().get("changesCursor").asString();
        open(ada, cat, "a5", "Cat, one more");
        say("companion", bea, withBea, "b2", "Bea again");
        var caughtUp = as("member", ada).get("/api/v1/me/conversations?changedSince=" + changes).body();
        assertThat(companionIds(caughtUp)).containsExactly(cat, bea);
        assertThat(caughtUp.get("items").get(1).get("lastMessage").get("text").asString()).isEqualTo("Bea again");
        var paged = as("member", ada).get("/api/v1/me/conversations?limit=1&changedSince=" + changes).body();
        assertThat(companionIds(paged)).containsExactly(cat);
        var pagedOn = as("member", ada).get("/api/v1/me/conversations?limit=1&changedSince="
                + paged.get("nextCursor").asString()).body();
        assertThat(companionIds(pagedOn)).containsExactly(bea);
        assertThat(pagedOn.get("nextCursor").isNull()).isTrue();
        var nothing = as("member", ada).get("/api/v1/me/conversations?changedSince="
                + caughtUp.get("changesCursor").asString()).body();
        assertThat(nothing.get("items")).isEmpty();
        var forBea = as("companion", bea).get("/api/v1/me/conversations?changedSince="
                + as("companion", bea).get("/api/v1/me/conversations").body().get("changesCursor").asString()).body();
        assertThat(forBea.get("items")).isEmpty();
        assertThat(as("member", ada).get("/api/v1/me/conversations?changedSince=garbage").code())
                .isEqualTo("INVALID_CURSOR");

        // anyone else: it does not exist (staff in scope read it: ChatStaffIT; a supervisor of no team is not)
        String eve = member("Eve", 10);
        for (Api stranger : List.of(as("member", eve), as("companion", cat), as("supervisor", "chat-supervisor-2"))) {
            var read = stranger.get("/api/v1/conversations/" + withBea);
            assertThat(read.status()).isEqualTo(404);
            assertThat(read.code()).isEqualTo("CONVERSATION_NOT_FOUND");
            assertThat(stranger.get("/api/v1/conversations/" + withBea + "/messages").status()).isEqualTo(404);
            assertThat(stranger.post("/api/v1/conversations/" + withBea + "/messages", text("x1", "hi")).status())
                    .isEqualTo(404);
            assertThat(stranger.post("/api/v1/conversations/" + withBea + "/receipts", Map.of("readUpTo", 1))
                    .status()).isEqualTo(404);
        }
        assertThat(storedMessages(withBea)).isEqualTo(4);
        assertThat(as("member", eve).get("/api/v1/me/conversations").body().get("items")).isEmpty();
        assertThat(as("member", ada).get("/api/v1/conversations/" + withBea).body().get("unreadCount").asLong())
                .isEqualTo(2);
    }

    @Test
    void aRetryWithTheSameClientMessageIdIsTheSameMessageChargedOnce() {
        String ada = member("Ada", 10);
        String bea = companion("Bea");
        var sent = open(ada, bea, "same-1", "Hello");
        assertThat(sent.status()).isEqualTo(201);
        var retried = open(ada, bea, "same-1", "Hello (sent again, other text)");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().get("messageId").asString()).isEqualTo(sent.body().get("messageId").asString());
        assertThat(retried.body().get("seq").asLong()).isEqualTo(1);
        assertThat(retried.body().get("text").asString()).isEqualTo("Hello");
        String conversation = sent.body().get("conversationId").asString();
        var alsoRetried = say("member", ada, conversation, "same-1", "Hello");
        assertThat(alsoRetried.status()).isEqualTo(200);
        assertThat(storedMessages(conversation)).isEqualTo(1);
        assertThat(spendableTokens(ada)).as("one charge").isEqualTo(9);
        // the wallet movement is the message's: its id is derived from the message
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?"
                + " and payload_type like '%MessageCharged%'", Long.class, "wallet:" + ada)).isEqualTo(1);

        // the companion's retry is the same message too, and its credit is not given twice
        var answer = say("companion", bea, conversation, "b-1", "Hi Ada");
        assertThat(answer.status()).isEqualTo(201);
        assertThat(say("companion", bea, conversation, "b-1", "Hi Ada").status()).isEqualTo(200);
        assertThat(chatCredits(bea)).hasSize(1);
        assertThat(storedMessages(conversation)).isEqualTo(2);
    }

    @Test
    void badInputIsAProblemWithAStableCodeAndTheField() {
        String ada = member("Ada", 10);
        String bea = companion("Bea");
        var blank = open(ada, bea, "v1", "   ");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.code()).isEqualTo("MESSAGE_TEXT_EMPTY");
        assertThat(blank.body().get("field").asString()).isEqualTo("text");
        var tooLong = open(ada, bea, "v2", "x".repeat(4001));
        assertThat(tooLong.code()).isEqualTo("MESSAGE_TEXT_TOO_LONG");
        assertThat(open(ada, bea, "v3", "  " + "x".repeat(4000) + "  ").status()).as("4,000 after trimming")
                .isEqualTo(201);
        var badId = open(ada, bea, "has spaces", "hi");
        assertThat(badId.code()).isEqualTo("INVALID_CLIENT_MESSAGE_ID");
        assertThat(badId.body().get("field").asString()).isEqualTo("clientMessageId");
        var missingId = as("member", ada).post("/api/v1/companions/" + bea + "/messages", Map.of("text", "hi"));
        assertThat(missingId.code()).isEqualTo("FIELD_REQUIRED");
        assertThat(missingId.body().get("field").asString()).isEqualTo("clientMessageId");
        assertThat(open(ada, "chat-no-such-companion", "v4", "hi").code()).isEqualTo("COMPANION_NOT_FOUND");
        var byCompanion = as("companion", bea).post("/api/v1/companions/" + bea + "/messages", text("v5", "hi"));
        assertThat(byCompanion.status()).as("only members open conversations").isEqualTo(403);
        String conversation = open(ada, bea, "v6", "hi").body().get("conversationId").asString();
        var tooMany = as("member", ada).get("/api/v1/conversations/" + conversation + "/messages?limit=201");
        assertThat(tooMany.code()).isEqualTo("PAGE_TOO_LARGE");
        assertThat(storedMessages(conversation)).isEqualTo(2);
    }

    @Test
    void sequencesHaveNoGapUnderEightConcurrentSendersOnTwoNodes() throws Exception {
        String ada = member("Ada", 1000);
        String bea = companion("Bea");
        String conversation = open(ada, bea, "first", "Hello").body().get("conversationId").asString();
        int perSender = 10;
        try (var nodeB = HearthNode.onTestDatabase().withWebServer().unthrottled().start()) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                var sends = new ArrayList<Future<List<Integer>>>();
                for (int sender = 0; sender < 8; sender++) {
                    boolean member = sender % 2 == 0;
                    int node = sender % 4 < 2 ? port : nodeB.port();
                    Api api = Api.at(node).signedInAs(member ? ada : bea, member ? "member" : "companion");
                    String name = "s" + sender;
                    sends.add(pool.submit((Callable<List<Integer>>) () -> {
                        var statuses = new ArrayList<Integer>();
                        for (int i = 0; i < perSender; i++) {
                            statuses.add(api.post("/api/v1/conversations/" + conversation + "/messages",
                                    text(name + "-" + i, name + " says " + i)).status());
                        }
                        return statuses;
                    }));
                }
                for (var send : sends) {
                    assertThat(send.get()).containsOnly(201);
                }
            } finally {
                pool.shutdownNow();
            }
        }
        long total = 1 + 8L * perSender;
        List<Long> seqs = jdbc.queryForList("select seq from chat_message where conversation_id = ? order by seq",
                Long.class, conversation);
        assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(jdbc.queryForObject("select last_seq from conversation where conversation_id = ?", Long.class,
                conversation)).isEqualTo(total);
        // every member message was charged once (node B's charges reach this node's reads through the wallet's read
        // model, ADR 0048), and the paging reads them all back in order
        Projections.awaitCaughtUp(jdbc, WalletProjection.PROCESSING_GROUP);
        assertThat(spendableTokens(ada)).isEqualTo(1000 - 1 - 4L * perSender);
        var seen = new ArrayList<Long>();
        long after = 0;
        while (true) {
            var page = as("member", ada).get("/api/v1/conversations/" + conversation + "/messages?after=" + after
                    + "&limit=7").body();
            page.get("items").forEach(item -> seen.add(item.get("seq").asLong()));
            after = seen.getLast();
            if (!page.get("hasMore").asBoolean()) {
                break;
            }
        }
        assertThat(seen).containsExactlyElementsOf(seqs);
        var newest = as("member", ada).get("/api/v1/conversations/" + conversation + "/messages?limit=3").body();
        assertThat(newest.get("items")).extracting(item -> item.get("seq").asLong())
                .containsExactly(total - 2, total - 1, total);
        var older = as("member", ada).get("/api/v1/conversations/" + conversation + "/messages?before=3").body();
        assertThat(older.get("items")).extracting(item -> item.get("seq").asLong()).containsExactly(1L, 2L);
        assertThat(older.get("hasMore").asBoolean()).isFalse();
    }

    @Test
    void v1MessagesCostTokensAndOneThatCannotBePaidIsNotStored() {
        String ada = member("Ada", 2);
        String bea = companion("Bea");
        String conversation = open(ada, bea, "t1", "one").body().get("conversationId").asString();
        assertThat(say("member", ada, conversation, "t2", "two").status()).isEqualTo(201);
        var refused = say("member", ada, conversation, "t3", "three");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("INSUFFICIENT_BALANCE");
        assertThat(refused.body().get("version").asString()).isEqualTo("v1");
        assertThat(refused.body().get("unlock").get(0).asString()).isEqualTo("BUY_TOKENS");
        assertThat(storedMessages(conversation)).isEqualTo(2);
        assertThat(as("member", ada).get("/api/v1/conversations/" + conversation).body().get("lastSeq").asLong())
                .isEqualTo(2);
        assertThat(spendableTokens(ada)).isZero();
        // tokens unlock it: the same client message id is then stored, at the next sequence
        wallets.grant(ADMIN, ada, "more-" + ada, 1, "top-up");
        var paid = say("member", ada, conversation, "t3", "three");
        assertThat(paid.status()).isEqualTo(201);
        assertThat(paid.body().get("seq").asLong()).isEqualTo(3);

        // a first message that cannot be paid opens no conversation
        String broke = member("Broke", 0);
        var none = open(broke, bea, "x1", "hello?");
        assertThat(none.status()).isEqualTo(422);
        assertThat(conversationsOfPair(broke, bea)).isZero();
        assertThat(as("member", broke).get("/api/v1/me/conversations").body().get("items")).isEmpty();
    }

    @Test
    void v2MessagesCountAgainstTodaysAllowance() {
        String ada = member("Ada", 0);
        String bea = companion("Bea");
        wallets.migrate(ADMIN, ada, "to-v2-" + ada, MonetizationVersion.V2_TIERS,
                new ConversionRule("v1-to-v2", 1, 0, 0, 0), false);
        var noTier = open(ada, bea, "n1", "hello");
        assertThat(noTier.code()).isEqualTo("INSUFFICIENT_BALANCE");
        assertThat(noTier.body().get("unlock").get(0).asString()).isEqualTo("SUBSCRIBE");
        Instant now = Instant.now();
        var basic = new PaymentEvent("adapty", "evt-" + ada, PaymentEventKind.SUBSCRIPTION_STARTED, Store.PLAY_STORE,
                "GPA." + ada, "GPA." + ada, "onemonth_no_trial", 999, "USD", now.minusSeconds(60),
                now.plus(Duration.ofDays(30)), new PurchaserKeys(ada, null, null, null));
        assertThat(payments.apply(ada, basic).outcome()).isEqualTo(PaymentApplication.Outcome.APPLIED);
        String conversation = null;
        for (int i = 0; i < 20; i++) {
            var sent = open(ada, bea, "d" + i, "message " + i);
            assertThat(sent.status()).as(sent.raw().body()).isEqualTo(201);
            conversation = sent.body().get("conversationId").asString();
        }
        var refused = say("member", ada, conversation, "d20", "one too many");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().get("version").asString()).isEqualTo("v2");
        assertThat(refused.body().get("unlock")).extracting(JsonNode::asString)
                .containsExactly("WAIT_FOR_RESET", "UPGRADE_TIER");
        assertThat(refused.body().get("availableAt").asString()).isNotBlank();
        assertThat(storedMessages(conversation)).isEqualTo(20);
        assertThat(as("member", ada).get("/api/v1/me/wallet").body().get("tier").get("messagesLeft").asLong())
                .isZero();
    }

    @Test
    void v3AMomentOpensA24HourWindowWithOneCompanion() {
        String ada = member("Ada", 50);
        String bea = companion("Bea");
        String cat = companion("Cat");
        wallets.migrate(ADMIN, ada, "to-v3-" + ada, MonetizationVersion.V3_MOMENTS,
                new ConversionRule("tokens-to-moments", 50, 1, 1200, 90L * 86_400), false);
        String conversation = open(ada, bea, "w1", "hello").body().get("conversationId").asString();
        for (int i = 2; i <= 5; i++) {
            assertThat(say("member", ada, conversation, "w" + i, "inside the window").status()).isEqualTo(201);
        }
        assertThat(as("member", ada).get("/api/v1/me/wallet").body().get("packs")).isEmpty();
        var refused = open(ada, cat, "c1", "hello Cat");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().get("version").asString()).isEqualTo("v3");
        assertThat(refused.body().get("unlock").get(0).asString()).isEqualTo("BUY_MOMENTS");
        assertThat(conversationsOfPair(ada, cat)).isZero();
        assertThat(storedMessages(conversation)).isEqualTo(5);
    }

    @Test
    void theCompanionIsCreditedOncePerAnsweredMemberMessage() {
        String ada = member("Ada", 20);
        String bea = companion("Bea");
        var m1 = open(ada, bea, "m1", "one");
        String conversation = m1.body().get("conversationId").asString();
        var m2 = say("member", ada, conversation, "m2", "two");
        say("companion", bea, conversation, "r1", "answer");
        say("companion", bea, conversation, "r2", "and more");
        var m3 = say("member", ada, conversation, "m3", "three");
        say("companion", bea, conversation, "r3", "answer again");
        say("companion", bea, conversation, "r3", "answer again"); // a retry
        var credits = chatCredits(bea);
        assertThat(credits).extracting(credit -> credit.entry().reference())
                .containsExactly(m2.body().get("messageId").asString(), m3.body().get("messageId").asString());
        assertThat(credits).allSatisfy(credit -> {
            assertThat(credit.units()).isEqualTo(1);
            assertThat(credit.entry().coins()).isPositive();
            assertThat(credit.entry().actor()).isEqualTo("system:chat");
        });
        assertThat(m1.body().get("messageId").asString()).isNotIn(credits.stream()
                .map(credit -> credit.entry().reference()).toList());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from earnings_entry where companion_id = ? and kind = 'ACTIVITY_CREDIT'",
                Long.class, bea)).isEqualTo(2));
    }

    @Test
    void receiptsOnlyMoveForwardUnreadIsExactAndBothSidesGetFramesAfterCommit() {
        String ada = member("Ada", 20);
        String bea = companion("Bea");
        try (var adaLive = RealtimeClient.withHeader(port, as("member", ada).token());
             var beaLive = RealtimeClient.withHeader(port, as("companion", bea).token())) {
            // seq 1, 2 member; 3, 4 companion; 5 member
            String conversation = open(ada, bea, "r1", "one").body().get("conversationId").asString();
            say("member", ada, conversation, "r2", "two");
            say("companion", bea, conversation, "r3", "three");
            say("companion", bea, conversation, "r4", "four");
            say("member", ada, conversation, "r5", "five");
            String path = "/api/v1/conversations/" + conversation;
            assertThat(as("member", ada).get(path).body().get("unreadCount").asLong()).isEqualTo(2);
            assertThat(as("companion", bea).get(path).body().get("unreadCount").asLong()).isEqualTo(3);

            var read = as("member", ada).post(path + "/receipts", Map.of("readUpTo", 3));
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.body().get("unreadCount").asLong()).isEqualTo(1);
            assertThat(read.body().get("myReceipts").get("readUpTo").asLong()).isEqualTo(3);
            var seenByBea = as("companion", bea).get(path).body().get("otherReceipts");
            assertThat(seenByBea.get("readUpTo").asLong()).isEqualTo(3);
            assertThat(seenByBea.get("deliveredUpTo").asLong()).as("read implies delivered").isEqualTo(3);

            var lower = as("member", ada).post(path + "/receipts", Map.of("readUpTo", 2, "deliveredUpTo", 1));
            assertThat(lower.body().get("myReceipts").get("readUpTo").asLong()).as("never back").isEqualTo(3);
            assertThat(lower.body().get("myReceipts").get("deliveredUpTo").asLong()).isEqualTo(3);
            var delivered = as("member", ada).post(path + "/receipts", Map.of("deliveredUpTo", 5));
            assertThat(delivered.body().get("myReceipts").get("deliveredUpTo").asLong()).isEqualTo(5);
            assertThat(delivered.body().get("unreadCount").asLong()).isEqualTo(1);
            var beyond = as("member", ada).post(path + "/receipts", Map.of("readUpTo", 6));
            assertThat(beyond.status()).isEqualTo(400);
            assertThat(beyond.code()).isEqualTo("RECEIPT_BEYOND_LAST_MESSAGE");
            assertThat(beyond.body().get("field").asString()).isEqualTo("readUpTo");
            assertThat(as("member", ada).post(path + "/receipts", Map.of()).code()).isEqualTo("FIELD_REQUIRED");

            assertThat(as("companion", bea).post(path + "/receipts", Map.of("readUpTo", 5)).body()
                    .get("unreadCount").asLong()).isZero();
            assertThat(as("member", ada).post(path + "/receipts", Map.of("readUpTo", 5)).body()
                    .get("unreadCount").asLong()).isZero();
            // a message of the other side is unread again, one of mine never is
            say("companion", bea, conversation, "r6", "six");
            say("member", ada, conversation, "r7", "seven");
            assertThat(as("member", ada).get(path).body().get("unreadCount").asLong()).isEqualTo(1);
            assertThat(as("companion", bea).get(path).body().get("unreadCount").asLong()).isEqualTo(1);

            // frames: both sides got every message, the receipts and the changed conversation
            List<JsonNode> adaFrames = frames(adaLive, 7);
            List<JsonNode> beaFrames = frames(beaLive, 7);
            for (List<JsonNode> frames : List.of(adaFrames, beaFrames)) {
                assertThat(frames.stream().filter(frame -> frame.get("type").asString().equals("message"))
                        .map(frame -> frame.get("seq").asLong()).toList())
                        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
                assertThat(frames).anySatisfy(frame -> {
                    assertThat(frame.get("type").asString()).isEqualTo("conversation");
                    assertThat(frame.get("conversation").get("conversationId").asString()).isEqualTo(conversation);
                });
            }
            assertThat(beaFrames).anySatisfy(frame -> {
                assertThat(frame.get("type").asString()).isEqualTo("receipt");
                assertThat(frame.get("userId").asString()).isEqualTo(ada);
                assertThat(frame.get("readUpTo").asLong()).isEqualTo(3);
            });
        }
    }

    @Test
    void aMemberWhoTurnedOffReadReceiptsShowsOnlyDeliveryButCountsUnreadByTheirReading() {
        String ada = member("Ada", 20);
        String bea = companion("Bea");
        var turnedOff = as("member", ada).put("/api/v1/me/profile", profile("Ada", false));
        assertThat(turnedOff.body().get("sendReadReceipts").asBoolean()).isFalse();
        // left out of a later save, the setting stays
        assertThat(as("member", ada).put("/api/v1/me/profile", profile("Ada B.", null)).body()
                .get("sendReadReceipts").asBoolean()).isFalse();
        String conversation = open(ada, bea, "o1", "one").body().get("conversationId").asString();
        say("companion", bea, conversation, "o2", "two");
        say("companion", bea, conversation, "o3", "three");
        String path = "/api/v1/conversations/" + conversation;
        try (var beaLive = RealtimeClient.withHeader(port, as("companion", bea).token())) {
            var mine = as("member", ada).post(path + "/receipts", Map.of("readUpTo", 3)).body();
            assertThat(mine.get("unreadCount").asLong()).isZero();
            assertThat(mine.get("myReceipts").get("readUpTo").asLong()).isEqualTo(3);
            var seenByBea = as("companion", bea).get(path).body().get("otherReceipts");
            assertThat(seenByBea.get("deliveredUpTo").asLong()).isEqualTo(3);
            assertThat(seenByBea.get("readUpTo").isNull()).isTrue();
            var listed = as("companion", bea).get("/api/v1/me/conversations").body().get("items").get(0);
            assertThat(listed.get("otherReceipts").get("readUpTo").isNull()).isTrue();
            var receipt = beaLive.next(Duration.ofSeconds(5));
            assertThat(receipt.get("type").asString()).isEqualTo("receipt");
            assertThat(receipt.get("deliveredUpTo").asLong()).isEqualTo(3);
            assertThat(receipt.get("readUpTo").isNull()).isTrue();
        }
        // the companion's own read receipts always flow
        as("companion", bea).post(path + "/receipts", Map.of("readUpTo", 1));
        assertThat(as("member", ada).get(path).body().get("otherReceipts").get("readUpTo").asLong()).isEqualTo(1);
        // turned on again, the companion sees how far the member read
        as("member", ada).put("/api/v1/me/profile", profile("Ada", true));
        assertThat(as("companion", bea).get(path).body().get("otherReceipts").get("readUpTo").asLong())
                .isEqualTo(3);
    }

    /** Frames on {@code client} until {@code messages} message frames came (or 10 s passed). */
    static List<JsonNode> frames(RealtimeClient client, int messages) {
        var frames = new ArrayList<JsonNode>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (frames.stream().filter(frame -> frame.get("type").asString().equals("message")).count() < messages
                && System.nanoTime() < deadline) {
            JsonNode frame = client.next(Duration.ofMillis(500));
            if (frame != null) {
                frames.add(frame);
            }
        }
        frames.addAll(client.drain());
        return frames;
    }

    static List<String> companionIds(JsonNode page) {
        var ids = new ArrayList<String>();
        page.get("items").forEach(item -> ids.add(item.get("companionId").asString()));
        return ids;
    }
}
