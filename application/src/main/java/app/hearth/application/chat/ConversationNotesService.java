package app.hearth.application.chat;

import app.hearth.application.shared.Cursors;
import app.hearth.application.shared.Retry;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.access.Actor;
import app.hearth.domain.chat.Conversation;
import app.hearth.domain.chat.ConversationNote;
import app.hearth.domain.chat.NoteText;
import app.hearth.domain.shared.TransientConflict;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Companions' notes as versions appended to a store: a save takes the next version in its own short transaction (it
 * never takes the conversation's row lock, which messages queue on); two saves at once meet on the version's key and
 * the loser runs again on the new current version (or is refused when it named the version it expected).
 */
public class ConversationNotesService implements ConversationNotes {

    private static final String CURSOR = "n";
    private static final int ATTEMPTS = 5;

    private final ChatStore conversations;
    private final NoteStore notes;
    private final ConversationAccess access;
    private final Transactions transactions;
    private final Clock clock;

    public ConversationNotesService(ChatStore conversations, NoteStore notes, ConversationAccess access,
                                    Transactions transactions, Clock clock) {
        this.conversations = conversations;
        this.notes = notes;
        this.access = access;
        this.transactions = transactions;
        this.clock = clock;
    }

    private Conversation conversation(String conversationId) {
        return conversations.find(conversationId).orElseThrow(() -> Conversation.notFound(conversationId))
                .conversation();
    }

    @Override
    public NotesVersion current(Actor actor, String conversationId) {
        access.readNotes(actor, conversation(conversationId), ConversationAccess.Read.NOTES);
        return note(notes.current(conversationId).orElse(ConversationNote.none(conversationId)));
    }

    @Override
    public NotesVersion save(Actor actor, String conversationId, Long expectedVersion, String text) {
        access.requireNotesWriter(actor, conversation(conversationId));
        NoteText body = new NoteText(text);
        return Retry.onTransientConflict(ATTEMPTS, () -> transactions.inTransaction(() -> {
            ConversationNote current = notes.current(conversationId).orElse(ConversationNote.none(conversationId));
            // stored to the microsecond, as PostgreSQL keeps it
            ConversationNote next = current.next(expectedVersion, body, actor.userId(),
                    clock.instant().truncatedTo(ChronoUnit.MICROS));
            if (!notes.append(next)) {
                throw new TransientConflict("notes of " + conversationId + " saved concurrently at version "
                        + next.version());
            }
            return note(next);
        }));
    }

    @Override
    public NotesPage history(Actor actor, String conversationId, String cursor, int limit) {
        int size = Cursors.limit(limit);
        Long before = Cursors.decodeLong(CURSOR, cursor);
        access.readNotes(actor, conversation(conversationId), ConversationAccess.Read.NOTES_HISTORY);
        List<ConversationNote> rows = notes.history(conversationId, before, size + 1);
        List<ConversationNote> page = rows.size() > size ? rows.subList(0, size) : rows;
        String next = rows.size() > size ? Cursors.encode(CURSOR, Long.toString(page.getLast().version())) : null;
        return new NotesPage(page.stream().map(ConversationNotesService::note).toList(), next);
    }

    private static NotesVersion note(ConversationNote note) {
        return new NotesVersion(note.conversationId(), note.version(), note.text().value(), note.savedBy(), note.savedAt());
    }
}
