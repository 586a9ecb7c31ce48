package app.hearth.adapters.chat.web;

import app.hearth.adapters.shared.web.ProblemResponses;
import app.hearth.application.chat.ConversationNotes;
import app.hearth.domain.access.Actor;
import app.hearth.domain.shared.RuleViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A companion's private notes about the member of a conversation (ADR 0050): the companion reads and saves them,
 * staff in scope read them (audited), the member never learns they exist (404 CONVERSATION_NOT_FOUND, as for an
 * unknown conversation). Every save is a new version; the {@code ETag} is the version, and a save with
 * {@code If-Match} is refused when the notes moved on.
 */
@RestController
@Tag(name = "Chat", description = "Conversations between a member and a companion, messages and receipts")
public class ConversationNotesController {

    public static final String NOTES = ChatController.CONVERSATION + "/notes";
    public static final String HISTORY = NOTES + "/history";

    /** The notes' new text (0-4,000 characters after trimming; empty clears them). */
    public record NotesSaveRequest(String text) {
    }

    private final ConversationNotes notes;

    public ConversationNotesController(ConversationNotes notes) {
        this.notes = notes;
    }

    @GetMapping(NOTES)
    @ProblemResponses({404})
    @Operation(operationId = "getConversationNotes",
            summary = "The companion's current notes about the member (version 0 and empty text before the first "
            + "save), with the version as ETag; for the conversation's companion and staff in scope (each staff "
            + "read is in the staff audit trail); anyone else, the member included: 404 CONVERSATION_NOT_FOUND")
    public ResponseEntity<ConversationNotes.NotesVersion> current(@Parameter(hidden = true) Actor actor,
                                                          @PathVariable String conversationId) {
        ConversationNotes.NotesVersion note = notes.current(actor, conversationId);
        return ResponseEntity.ok().eTag(Long.toString(note.version())).body(note);
    }

    @PutMapping(NOTES)
    @ProblemResponses({404, 409})
    @Operation(operationId = "saveConversationNotes",
            summary = "The conversation's companion saves their notes (text 0-4,000 characters after trimming; "
            + "empty clears them) as the next version; If-Match: \"<version>\" refuses the save with 409 "
            + "NOTE_VERSION_MISMATCH when the notes moved on. Staff in scope: 403 CONVERSATION_READ_ONLY; anyone "
            + "else, the member included: 404 CONVERSATION_NOT_FOUND")
    public ResponseEntity<ConversationNotes.NotesVersion> save(@Parameter(hidden = true) Actor actor,
                                                       @PathVariable String conversationId,
                                                       @Parameter(description = "the version the save is based on, "
                                                               + "as the ETag gave it")
                                                       @RequestHeader(name = "If-Match", required = false)
                                                       String ifMatch,
                                                       @RequestBody NotesSaveRequest request) {
        ConversationNotes.NotesVersion saved = notes.save(actor, conversationId, expectedVersion(ifMatch), request.text());
        return ResponseEntity.ok().eTag(Long.toString(saved.version())).body(saved);
    }

    @GetMapping(HISTORY)
    @ProblemResponses({404})
    @Operation(operationId = "listConversationNotesHistory",
            summary = "Every saved version of the notes, newest first (cursor, limit 1-200, default 50); for the "
            + "conversation's companion and staff in scope (audited); anyone else: 404 CONVERSATION_NOT_FOUND")
    public ConversationNotes.NotesPage history(@Parameter(hidden = true) Actor actor,
                                              @PathVariable String conversationId,
                                              @RequestParam(required = false) String cursor,
                                              @RequestParam(defaultValue = "50") int limit) {
        return notes.history(actor, conversationId, cursor, limit);
    }

    /** {@code "3"}, {@code 3} or {@code W/"3"}; {@code *} or none: no condition. */
    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            long version = Long.parseLong(tag);
            if (version >= 0) {
                return version;
            }
        } catch (NumberFormatException malformed) {
            // refused below
        }
        throw RuleViolation.invalid("INVALID_PARAMETER", "If-Match", "If-Match is a notes version as the ETag gave it");
    }
}
