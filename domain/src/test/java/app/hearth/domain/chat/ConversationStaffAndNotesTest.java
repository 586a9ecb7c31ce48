package app.hearth.domain.chat;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.shared.RuleViolation;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Staff in scope read a conversation and never write in it; notes are the companion's; a former member's. */
class ConversationStaffAndNotesTest {

    private static final Actor MEMBER = new Actor("m1", Role.MEMBER);
    private static final Actor COMPANION = new Actor("c1", Role.COMPANION);
    private static final Actor SUPERVISOR = new Actor("s1", Role.SUPERVISOR);
    private static final Actor OTHER_SUPERVISOR = new Actor("s2", Role.SUPERVISOR);
    private static final Actor ADMIN = new Actor("a1", Role.ADMIN);
    private static final Actor SUPERADMIN = new Actor("root", Role.SUPERADMIN);
    private static final Actor OTHER_COMPANION = new Actor("c2", Role.COMPANION);
    private static final Function<String, Optional<String>> TEAMS =
            companion -> companion.equals("c1") ? Optional.of("s1") : Optional.empty();

    private static String code(Runnable rule) {
        try {
            rule.run();
            return null;
        } catch (RuleViolation violation) {
            return violation.code();
        }
    }

    @Test
    void staffInScopeReadAndNeverWriteOthersAreToldItDoesNotExist() {
        Conversation c = Conversation.start("m1", "c1").append(ChatRole.MEMBER);
        assertThat(c.requireReader(MEMBER, TEAMS)).isEqualTo(new Conversation.Reader.Participant(ChatRole.MEMBER));
        assertThat(c.requireReader(COMPANION, TEAMS))
                .isEqualTo(new Conversation.Reader.Participant(ChatRole.COMPANION));
        for (Actor staff : new Actor[] {SUPERVISOR, ADMIN, SUPERADMIN}) {
            assertThat(c.requireReader(staff, TEAMS)).isInstanceOf(Conversation.Reader.Staff.class);
            assertThat(code(() -> c.requireWriter(staff, TEAMS))).isEqualTo(Conversation.READ_ONLY);
        }
        for (Actor stranger : new Actor[] {OTHER_SUPERVISOR, OTHER_COMPANION, new Actor("m2", Role.MEMBER)}) {
            assertThat(code(() -> c.requireReader(stranger, TEAMS))).isEqualTo(Conversation.NOT_FOUND);
            assertThat(code(() -> c.requireWriter(stranger, TEAMS))).isEqualTo(Conversation.NOT_FOUND);
        }
        assertThat(c.requireWriter(COMPANION, TEAMS)).isEqualTo(ChatRole.COMPANION);
    }

    @Test
    void notesAreTheCompanionsStaffInScopeReadThemAndTheMemberIsNeverToldTheyExist() {
        Conversation c = Conversation.start("m1", "c1").append(ChatRole.MEMBER);
        assertThat(code(() -> c.requireNotesReader(MEMBER, TEAMS))).isEqualTo(Conversation.NOT_FOUND);
        assertThat(code(() -> c.requireNotesWriter(MEMBER, TEAMS))).isEqualTo(Conversation.NOT_FOUND);
        assertThat(code(() -> c.requireNotesWriter(COMPANION, TEAMS))).isNull();
        assertThat(c.requireNotesReader(SUPERVISOR, TEAMS)).isInstanceOf(Conversation.Reader.Staff.class);
        assertThat(code(() -> c.requireNotesWriter(ADMIN, TEAMS))).isEqualTo(Conversation.READ_ONLY);
        assertThat(code(() -> c.requireNotesReader(OTHER_SUPERVISOR, TEAMS))).isEqualTo(Conversation.NOT_FOUND);
    }

    @Test
    void everySaveIsANewVersionAndASaveBasedOnAnOlderOneIsRefused() {
        Instant at = Instant.parse("2026-12-09T10:00:00Z");
        ConversationNote none = ConversationNote.none("conv");
        ConversationNote first = none.next(0L, new NoteText("  likes gardening "), "c1", at);
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.text().value()).isEqualTo("likes gardening");
        ConversationNote cleared = first.next(null, new NoteText(""), "c1", at);
        assertThat(cleared.version()).isEqualTo(2);
        assertThat(cleared.text().isEmpty()).isTrue();
        assertThat(code(() -> cleared.next(1L, new NoteText("x"), "c1", at)))
                .isEqualTo(ConversationNote.VERSION_MISMATCH);
        assertThat(code(() -> new NoteText("x".repeat(4_001)))).isEqualTo(NoteText.TOO_LONG);
        assertThat(new NoteText("😀".repeat(4_000)).value()).hasSize(8_000);
    }

    @Test
    void nobodyWritesInAFormerMembersConversationAndAReturningUserGetsAnotherId() {
        Conversation former = new Conversation("conv", "anon-1", "c1", 1, new Tally(1, 0), Receipts.NONE,
                Receipts.NONE, ChatRole.MEMBER, true);
        assertThat(code(() -> former.append(ChatRole.COMPANION))).isEqualTo(Conversation.MEMBER_CLOSED);
        assertThat(Conversation.idOf("m1", "c1", 0)).isEqualTo(Conversation.idOf("m1", "c1"));
        assertThat(Conversation.idOf("m1", "c1", 1)).isNotEqualTo(Conversation.idOf("m1", "c1"))
                .isNotEqualTo(Conversation.idOf("m1", "c1", 2));
    }
}
