package app.hearth.adapters.chat.web;

import app.hearth.adapters.shared.web.ProblemResponses;
import app.hearth.adapters.shared.web.Problems;
import app.hearth.application.chat.Chat;
import app.hearth.application.chat.MessageNotPaid;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import app.hearth.domain.access.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Chat: the caller's conversations (and those changed since a cursor), one conversation, its messages, sending
 * (a member's message is paid before it is stored) and receipts. Only a conversation's two participants see it;
 * for anyone else it does not exist (404 {@code CONVERSATION_NOT_FOUND}).
 */
@RestController
@Tag(name = "Chat", description = "Conversations between a member and a companion, messages and receipts")
public class ChatController {

    public static final String MY_CONVERSATIONS = "/api/v1/me/conversations";
    public static final String CONVERSATION = "/api/v1/conversations/{conversationId}";
    public static final String MESSAGES = CONVERSATION + "/messages";
    public static final String RECEIPTS = CONVERSATION + "/receipts";
    public static final String TO_COMPANION = "/api/v1/companions/{companionId}/messages";

    /** A message to send: the id the client chose (a retry with it is the same message) and the text. */
    public record MessageRequest(String clientMessageId, String text) {
    }

    /** How far the caller's devices received and the caller read; either may be left out, not both. */
    public record ReceiptsRequest(Long deliveredUpTo, Long readUpTo) {
    }

    private final Chat chat;

    public ChatController(Chat chat) {
        this.chat = chat;
    }

    @GetMapping(MY_CONVERSATIONS)
    @Operation(operationId = "listMyConversations",
            summary = "The caller's conversations, newest activity first, each with the other participant, the last "
            + "message, the unread count and both sides' receipts; cursor-paginated (limit 1-200, default 50). "
            + "With changedSince (a changesCursor from an earlier answer): the conversations changed since, in "
            + "change order, paged by nextCursor; its changesCursor is the one to use next time")
    public Chat.ConversationPage conversations(@Parameter(hidden = true) Actor actor,
                                               @RequestParam(required = false) String cursor,
                                               @RequestParam(required = false) String changedSince,
                                               @RequestParam(defaultValue = "50") int limit) {
        if (changedSince != null) {
            return chat.changedSince(actor, cursor != null ? cursor : changedSince, limit);
        }
        return chat.conversations(actor, cursor, limit);
    }

    @GetMapping(CONVERSATION)
    @ProblemResponses({404})
    @Operation(operationId = "getConversation",
            summary = "One conversation as the caller sees it (its member or companion); 404 CONVERSATION_NOT_FOUND "
            + "for anyone else")
    public Chat.ConversationView conversation(@Parameter(hidden = true) Actor actor,
                                              @PathVariable String conversationId) {
        return chat.conversation(actor, conversationId);
    }

    @GetMapping(MESSAGES)
    @ProblemResponses({404})
    @Operation(operationId = "listConversationMessages",
            summary = "Messages in ascending sequence: after=N (the next ones, to catch up) and/or before=N (the "
            + "older ones); neither: the newest; limit 1-200, default 50; hasMore when more lie that way")
    public Chat.MessagePage messages(@Parameter(hidden = true) Actor actor, @PathVariable String conversationId,
                                     @RequestParam(required = false) Long after,
                                     @RequestParam(required = false) Long before,
                                     @RequestParam(defaultValue = "50") int limit) {
        return chat.messages(actor, conversationId, after, before, limit);
    }

    @PostMapping(MESSAGES)
    @ApiResponse(responseCode = "201", description = "Stored (and, for a member, paid)")
    @ApiResponse(responseCode = "200", description = "A retry: the message stored before with this clientMessageId")
    @ProblemResponses({404, 409, 422})
    @Operation(operationId = "sendMessage",
            summary = "Send a message (text 1-4,000 characters after trimming) in a conversation of yours; the "
            + "server gives it the next sequence number. A member's message is paid first (V1 tokens, V2 one of "
            + "today's messages, V3 a 24-hour chat window): 422 INSUFFICIENT_BALANCE stores nothing and says what "
            + "would unlock it")
    public ResponseEntity<Chat.Message> send(@Parameter(hidden = true) Actor actor,
                                             @PathVariable String conversationId,
                                             @RequestBody MessageRequest request) {
        return sent(chat.send(actor, conversationId, request.clientMessageId(), request.text()));
    }

    @PostMapping(TO_COMPANION)
    @ApiResponse(responseCode = "201", description = "Stored and paid; the conversation is opened if it was not")
    @ApiResponse(responseCode = "200", description = "A retry: the message stored before with this clientMessageId")
    @ProblemResponses({404, 422})
    @Operation(operationId = "sendMessageToCompanion",
            summary = "A member writes to a companion, opening their one conversation with the first message "
            + "(member); otherwise as sendMessage")
    public ResponseEntity<Chat.Message> sendToCompanion(@Parameter(hidden = true) Actor actor,
                                                        @PathVariable String companionId,
                                                        @RequestBody MessageRequest request) {
        return sent(chat.sendToCompanion(actor, companionId, request.clientMessageId(), request.text()));
    }

    @PostMapping(RECEIPTS)
    @ProblemResponses({404})
    @Operation(operationId = "postConversationReceipts",
            summary = "Move your receipts forward: deliveredUpTo and/or readUpTo (a lower value than yours changes "
            + "nothing; above the last sequence: 400 RECEIPT_BEYOND_LAST_MESSAGE); the conversation as you now see it")
    public Chat.ConversationView receipts(@Parameter(hidden = true) Actor actor,
                                          @PathVariable String conversationId,
                                          @RequestBody ReceiptsRequest request) {
        return chat.receipts(actor, conversationId, request.deliveredUpTo(), request.readUpTo());
    }

    private static ResponseEntity<Chat.Message> sent(Chat.Sent sent) {
        if (sent.alreadyRecorded()) {
            return ResponseEntity.ok(sent.message());
        }
        return ResponseEntity.created(URI.create("/api/v1/conversations/" + sent.message().conversationId()
                + "/messages?after=" + (sent.message().seq() - 1))).body(sent.message());
    }

    /** A message the wallet could not pay: nothing stored; what would unlock it. */
    @ExceptionHandler(MessageNotPaid.class)
    ProblemDetail notPaid(MessageNotPaid refused) {
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, MessageNotPaid.CODE,
                refused.unlock().detail(), null);
        problem.setProperty("version", refused.unlock().version());
        problem.setProperty("unlock", refused.unlock().actions());
        if (refused.unlock().availableAt() != null) {
            problem.setProperty("availableAt", refused.unlock().availableAt());
        }
        return problem;
    }
}
