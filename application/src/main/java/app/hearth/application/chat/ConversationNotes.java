package app.hearth.application.chat;

import app.hearth.domain.access.Actor;
import java.time.Instant;
import java.util.List;
import org.jmolecules.architecture.hexagonal.PrimaryPort;

/**
 * A companion's private notes about the member of a conversation (ADR 0050): read and written by that companion,
 * read by staff in scope (each read in the staff audit trail), never shown to the member, to whom they answer as an
 * unknown conversation does ({@code 404 CONVERSATION_NOT_FOUND}). Every save is a new version; the history keeps them
 * all.
 */
@PrimaryPort
public interface ConversationNotes {

    /** One version of the notes; version 0 (empty text, nobody, never) when none were written. */
    record NotesVersion(String conversationId, long version, String text, String savedBy, Instant savedAt) {
    }

    /** Versions newest first; {@code nextCursor} pages on (null on the last page). */
    record NotesPage(List<NotesVersion> items, String nextCursor) {
    }

    /** The current version. */
    NotesVersion current(Actor actor, String conversationId);

    /**
     * Saves {@code text} (0 to 4,000 characters after trimming; empty clears) as the next version. When
     * {@code expectedVersion} is given it must be the current one ({@code 409 NOTE_VERSION_MISMATCH} otherwise).
     */
    NotesVersion save(Actor actor, String conversationId, Long expectedVersion, String text);

    /** Every version, newest first. */
    NotesPage history(Actor actor, String conversationId, String cursor, int limit);
}
