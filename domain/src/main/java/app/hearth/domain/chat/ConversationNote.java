package app.hearth.domain.chat;

import app.hearth.domain.shared.RuleViolation;
import java.time.Instant;
import java.util.Objects;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * One version of a companion's notes about the member of a conversation. Every save is a new version (1, 2, 3 …);
 * none is changed or removed, so the history is what the companion wrote, when. Version 0 is "nothing written yet".
 */
@ValueObject
public record ConversationNote(String conversationId, long version, NoteText text, String savedBy, Instant savedAt) {

    /** A save that named a version other than the current one ({@code If-Match}). */
    public static final String VERSION_MISMATCH = "NOTE_VERSION_MISMATCH";

    public ConversationNote {
        RuleViolation.requireText(conversationId, "conversationId");
        Objects.requireNonNull(text);
        if (version < 0) {
            throw new IllegalArgumentException("note versions start at 0: " + version);
        }
        if (version > 0) {
            RuleViolation.requireText(savedBy, "savedBy");
            Objects.requireNonNull(savedAt);
        }
    }

    /** The notes of a conversation nobody has written any for. */
    public static ConversationNote none(String conversationId) {
        return new ConversationNote(conversationId, 0, new NoteText(""), null, null);
    }

    /**
     * The version after this one that {@code author} saves at {@code at}. {@code expectedVersion} (when given) must
     * be this one's: a save based on an older version is refused, so two devices do not overwrite each other unseen.
     */
    public ConversationNote next(Long expectedVersion, NoteText newText, String author, Instant at) {
        if (expectedVersion != null && expectedVersion != version) {
            throw RuleViolation.conflict(VERSION_MISMATCH, "the notes are at version " + version + ", not " + expectedVersion + ": read them again");
        }
        return new ConversationNote(conversationId, version + 1, newText, author, at);
    }
}
