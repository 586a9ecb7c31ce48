package app.hearth.application.chat;

import app.hearth.domain.chat.ConversationNote;
import java.util.List;
import java.util.Optional;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** Where the versions of companions' notes are kept, append-only. */
@SecondaryPort
public interface NoteStore {

    /** The newest version of a conversation's notes, if any was saved. */
    Optional<ConversationNote> current(String conversationId);

    /** Adds {@code note} in the caller's transaction; false when its version is taken (a concurrent save won). */
    boolean append(ConversationNote note);

    /** Versions below {@code beforeVersion} (null: from the newest), newest first. */
    List<ConversationNote> history(String conversationId, Long beforeVersion, int limit);
}
