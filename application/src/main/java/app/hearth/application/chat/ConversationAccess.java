package app.hearth.application.chat;

import app.hearth.application.access.StaffAuditTrail;
import app.hearth.application.access.TeamDirectory;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.StaffAction;
import app.hearth.domain.access.StaffActionKind;
import app.hearth.domain.chat.ChatRole;
import app.hearth.domain.chat.Conversation;
import java.time.Clock;
import java.util.UUID;

/**
 * Who reaches a conversation (ADR 0050): its two participants, and staff whose reach covers its companion (the
 * supervisor of the companion's team, looked up on every request, admins, superadmins), who only read and whose
 * every read is in the staff audit trail before anything is answered. Anyone else is told it does not exist.
 */
public class ConversationAccess {

    /** What staff read, as the audit trail's {@code after} says it. */
    public enum Read {
        CONVERSATION("conversation"), MESSAGES("messages"), NOTES("notes"), NOTES_HISTORY("notes-history");

        private final String recorded;

        Read(String recorded) {
            this.recorded = recorded;
        }

        public String recorded() {
            return recorded;
        }
    }

    private final TeamDirectory teams;
    private final StaffAuditTrail trail;
    private final Transactions transactions;
    private final Clock clock;

    public ConversationAccess(TeamDirectory teams, StaffAuditTrail trail, Transactions transactions, Clock clock) {
        this.teams = teams;
        this.trail = trail;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** How {@code actor} reads the conversation; a staff read is recorded first. */
    public Conversation.Reader read(Actor actor, Conversation conversation, Read what) {
        return audited(actor, conversation, what, conversation.requireReader(actor, teams::supervisorOf));
    }

    /** How {@code actor} reads the companion's notes (never the member); a staff read is recorded first. */
    public Conversation.Reader readNotes(Actor actor, Conversation conversation, Read what) {
        return audited(actor, conversation, what, conversation.requireNotesReader(actor, teams::supervisorOf));
    }

    /** The side {@code actor} writes on; staff in scope are refused (403), anyone else told it does not exist. */
    public ChatRole writer(Actor actor, Conversation conversation) {
        return conversation.requireWriter(actor, teams::supervisorOf);
    }

    /** Refuses anyone but the conversation's companion. */
    public void requireNotesWriter(Actor actor, Conversation conversation) {
        conversation.requireNotesWriter(actor, teams::supervisorOf);
    }

    private Conversation.Reader audited(Actor actor, Conversation conversation, Read what,
                                        Conversation.Reader reader) {
        if (reader instanceof Conversation.Reader.Staff) {
            StaffAction action = new StaffAction(UUID.randomUUID().toString(), actor.recorded(),
                    StaffActionKind.CONVERSATION_READ, conversation.conversationId(), null, what.recorded(), null,
                    clock.instant());
            transactions.run(() -> trail.record(action));
        }
        return reader;
    }
}
