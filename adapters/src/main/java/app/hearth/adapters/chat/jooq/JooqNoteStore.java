package app.hearth.adapters.chat.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.CONVERSATION_NOTE;

import app.hearth.application.chat.NoteStore;
import app.hearth.domain.chat.ConversationNote;
import app.hearth.domain.chat.NoteText;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Component;

/** Companions' notes, one append-only row per version, keyed (conversation, version): two saves meet on the key. */
@Component
public class JooqNoteStore implements NoteStore {

    private final DSLContext sql;

    public JooqNoteStore(DSLContext sql) {
        this.sql = sql;
    }

    @Override
    public Optional<ConversationNote> current(String conversationId) {
        return sql.selectFrom(CONVERSATION_NOTE).where(CONVERSATION_NOTE.CONVERSATION_ID.eq(conversationId))
                .orderBy(CONVERSATION_NOTE.VERSION.desc()).limit(1).fetchOptional(JooqNoteStore::note);
    }

    @Override
    public boolean append(ConversationNote note) {
        return sql.insertInto(CONVERSATION_NOTE)
                .set(CONVERSATION_NOTE.CONVERSATION_ID, note.conversationId())
                .set(CONVERSATION_NOTE.VERSION, note.version())
                .set(CONVERSATION_NOTE.TEXT, note.text().value())
                .set(CONVERSATION_NOTE.SAVED_BY, note.savedBy())
                .set(CONVERSATION_NOTE.SAVED_AT, note.savedAt().atOffset(ZoneOffset.UTC))
                .onConflictDoNothing()
                .execute() == 1;
    }

    @Override
    public List<ConversationNote> history(String conversationId, Long beforeVersion, int limit) {
        Condition where = CONVERSATION_NOTE.CONVERSATION_ID.eq(conversationId);
        if (beforeVersion != null) {
            where = where.and(CONVERSATION_NOTE.VERSION.lt(beforeVersion));
        }
        return sql.selectFrom(CONVERSATION_NOTE).where(where).orderBy(CONVERSATION_NOTE.VERSION.desc()).limit(limit)
                .fetch(JooqNoteStore::note);
    }

    private static ConversationNote note(Record row) {
        return new ConversationNote(row.get(CONVERSATION_NOTE.CONVERSATION_ID), row.get(CONVERSATION_NOTE.VERSION),
                new NoteText(row.get(CONVERSATION_NOTE.TEXT)), row.get(CONVERSATION_NOTE.SAVED_BY),
                row.get(CONVERSATION_NOTE.SAVED_AT).toInstant());
    }
}
