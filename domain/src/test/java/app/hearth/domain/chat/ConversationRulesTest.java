package app.hearth.domain.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.shared.RuleViolation;
import org.junit.jupiter.api.Test;

class ConversationRulesTest {

    private static final Actor MEMBER = new Actor("m1", Role.MEMBER);
    private static final Actor COMPANION = new Actor("c1", Role.COMPANION);
    private static final Actor STRANGER = new Actor("m2", Role.MEMBER);

    private static String code(Runnable rule) {
        try {
            rule.run();
            return null;
        } catch (RuleViolation violation) {
            return violation.code();
        }
    }

    @Test
    void onlyItsTwoParticipantsSeeAConversationAndAnyoneElseIsToldItDoesNotExist() {
        Conversation conversation = Conversation.start("m1", "c1");
        assertThat(conversation.requireParticipant(MEMBER)).isEqualTo(ChatRole.MEMBER);
        assertThat(conversation.requireParticipant(COMPANION)).isEqualTo(ChatRole.COMPANION);
        assertThat(code(() -> conversation.requireParticipant(STRANGER))).isEqualTo(Conversation.NOT_FOUND);
        assertThat(code(() -> conversation.requireParticipant(new Actor("a1", Role.ADMIN))))
                .isEqualTo(Conversation.NOT_FOUND);
    }

    @Test
    void onePairAlwaysNamesTheSameConversationAndARetryTheSameMessage() {
        assertThat(Conversation.idOf("m1", "c1")).isEqualTo(Conversation.start("m1", "c1").conversationId())
                .isNotEqualTo(Conversation.idOf("m1", "c2"));
        var client = new ClientMessageId("abc-1");
        assertThat(ChatMessage.idOf("conv", "m1", client)).isEqualTo(ChatMessage.idOf("conv", "m1", client))
                .isNotEqualTo(ChatMessage.idOf("conv", "c1", client));
    }

    @Test
    void aCompanionWritesOnlyOnceTheMemberOpenedTheConversation() {
        Conversation empty = Conversation.start("m1", "c1");
        assertThat(code(() -> empty.append(ChatRole.COMPANION))).isEqualTo(Conversation.NOT_OPENED);
        Conversation opened = empty.append(ChatRole.MEMBER);
        assertThat(opened.lastSeq()).isEqualTo(1);
        assertThat(opened.append(ChatRole.COMPANION).lastSeq()).isEqualTo(2);
    }

    @Test
    void theCompanionsFirstMessageAfterAMemberMessageEarnsAndFurtherRepliesDoNot() {
        Conversation c = Conversation.start("m1", "c1").append(ChatRole.MEMBER).append(ChatRole.MEMBER);
        assertThat(c.earns(ChatRole.MEMBER)).isFalse();
        assertThat(c.earns(ChatRole.COMPANION)).isTrue();
        c = c.append(ChatRole.COMPANION);
        assertThat(c.earns(ChatRole.COMPANION)).as("a second reply").isFalse();
        c = c.append(ChatRole.COMPANION).append(ChatRole.MEMBER);
        assertThat(c.earns(ChatRole.COMPANION)).as("the next member message is answered again").isTrue();
    }

    @Test
    void unreadCountsTheOtherSidesMessagesAfterMyReadPosition() {
        // seq 1 member, 2 companion, 3 companion, 4 member, 5 companion
        Conversation c = Conversation.start("m1", "c1").append(ChatRole.MEMBER).append(ChatRole.COMPANION)
                .append(ChatRole.COMPANION).append(ChatRole.MEMBER).append(ChatRole.COMPANION);
        long[] companionUpTo = {0, 0, 1, 2, 2, 3};
        assertThat(c.unreadFor(ChatRole.MEMBER)).isEqualTo(3);
        assertThat(c.unreadFor(ChatRole.COMPANION)).isEqualTo(2);
        Receipts read = c.memberReceipts().advance(null, 3L, c.lastSeq(), seq -> companionUpTo[(int) seq]);
        c = c.withReceipts(ChatRole.MEMBER, read);
        assertThat(c.unreadFor(ChatRole.MEMBER)).isEqualTo(1);
        assertThat(c.unreadFor(ChatRole.COMPANION)).as("my own messages are never unread to me").isEqualTo(2);
    }

    @Test
    void receiptsOnlyMoveForwardAndNeverBeyondTheLastMessage() {
        Receipts receipts = Receipts.NONE.advance(4L, 2L, 5, seq -> seq);
        assertThat(receipts).isEqualTo(new Receipts(4, 2, 2));
        assertThat(receipts.advance(1L, 1L, 5, seq -> seq)).as("lower values change nothing").isEqualTo(receipts);
        assertThat(receipts.advance(null, 5L, 5, seq -> seq)).as("read implies delivered")
                .isEqualTo(new Receipts(5, 5, 5));
        assertThat(code(() -> receipts.advance(6L, null, 5, seq -> seq))).isEqualTo(Receipts.BEYOND_LAST);
        assertThat(code(() -> receipts.advance(null, -1L, 5, seq -> seq))).isEqualTo(Receipts.INVALID);
        assertThat(code(() -> receipts.advance(null, null, 5, seq -> seq))).isEqualTo("FIELD_REQUIRED");
    }

    @Test
    void aMemberWhoSharesNoReadReceiptsShowsOnlyDelivery() {
        Receipts receipts = new Receipts(4, 3, 1);
        assertThat(receipts.shownToOther(false)).isEqualTo(new Receipts.Shown(4, null));
        assertThat(receipts.shownToOther(true)).isEqualTo(new Receipts.Shown(4, 3L));
        assertThat(receipts.shownToOwner()).isEqualTo(new Receipts.Shown(4, 3L));
    }

    @Test
    void textIsTrimmedNotEmptyAndAtMost4000Characters() {
        assertThat(new MessageText("  hello \n").value()).isEqualTo("hello");
        assertThat(code(() -> new MessageText("   "))).isEqualTo(MessageText.EMPTY);
        assertThat(code(() -> new MessageText(null))).isEqualTo(MessageText.EMPTY);
        String emoji = "\uD83D\uDE00";
        assertThat(new MessageText(" " + emoji.repeat(4000) + " ").value()).hasSize(8000);
        assertThat(code(() -> new MessageText("a".repeat(4001)))).isEqualTo(MessageText.TOO_LONG);
        assertThat(code(() -> new ClientMessageId("has space"))).isEqualTo(ClientMessageId.INVALID);
        assertThat(code(() -> new ClientMessageId(""))).isEqualTo("FIELD_REQUIRED");
        assertThat(code(() -> new ClientMessageId("x".repeat(129)))).isEqualTo(ClientMessageId.INVALID);
    }

    @Test
    void aRefusedMessageSaysWhatWouldUnlockIt() {
        assertThat(Unlock.tokens(1).actions()).containsExactly("BUY_TOKENS");
        var reset = java.time.Instant.parse("2026-01-02T00:00:00Z");
        assertThat(Unlock.tiers(true, reset).actions()).containsExactly("WAIT_FOR_RESET", "UPGRADE_TIER");
        assertThat(Unlock.tiers(true, reset).availableAt()).isEqualTo(reset);
        assertThat(Unlock.tiers(false, reset).actions()).containsExactly("SUBSCRIBE");
        assertThat(Unlock.moments().actions()).containsExactly("BUY_MOMENTS");
    }

    @Test
    void aTallyThatDoesNotAddUpIsNoConversation() {
        assertThatThrownBy(() -> new Conversation("x", "m1", "c1", 2, new Tally(1, 0), Receipts.NONE,
                Receipts.NONE, ChatRole.MEMBER)).isInstanceOf(IllegalArgumentException.class);
    }
}
