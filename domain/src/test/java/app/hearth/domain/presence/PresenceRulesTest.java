package app.hearth.domain.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PresenceRulesTest {

    static final Instant T = Instant.parse("2026-12-07T09:00:00Z");
    static final PresenceRules RULES = PresenceRules.DEFAULT;

    /** On shift since T, connected at T with the app in the foreground at T. */
    static PresenceFacts reachable() {
        return PresenceFacts.NONE.withShift("shift-1", false, T).withConnection(true, T).withForeground(true, T);
    }

    @Test
    void availableExactlyWhenOnShiftOffBreakConnectedInTheForegroundNotInACallAndUnderCapacity() {
        Derived derived = RULES.derive(reachable().withConversations(4, T.plusSeconds(60)), T.plusSeconds(5));
        assertThat(derived.state()).isEqualTo(PresenceState.AVAILABLE);
        assertThat(derived.reasons()).isEmpty();
        assertThat(derived.dueAt()).isNull();
    }

    @Test
    void noShiftIsOfflineWhateverElse() {
        Derived derived = RULES.derive(reachable().withShift(null, false, null), T);
        assertThat(derived.state()).isEqualTo(PresenceState.OFFLINE);
        assertThat(derived.reasons()).containsExactly(PresenceReason.NOT_ON_SHIFT);
        assertThat(RULES.derive(PresenceFacts.NONE, T).state()).isEqualTo(PresenceState.OFFLINE);
    }

    @Test
    void aBreakIsOnBreakEvenInACall() {
        Derived derived = RULES.derive(reachable().withShift("shift-1", true, T).withCall("call-1"), T);
        assertThat(derived.state()).isEqualTo(PresenceState.ON_BREAK);
        assertThat(derived.reasons()).containsExactlyInAnyOrder(PresenceReason.ON_BREAK, PresenceReason.IN_CALL);
    }

    @Test
    void aCallIsBusyEvenWithTheAppInTheBackgroundForLong() {
        Derived derived = RULES.derive(reachable().withCall("call-1").withForeground(false, T), T.plusSeconds(3600));
        assertThat(derived.state()).isEqualTo(PresenceState.BUSY);
        assertThat(derived.reasons()).containsExactlyInAnyOrder(PresenceReason.IN_CALL, PresenceReason.IN_BACKGROUND);
        assertThat(derived.dueAt()).isNull();
    }

    @Test
    void atCapacityIsBusyUntilTheOldestOpenConversationLeavesTheWindow() {
        Instant drops = T.plus(Duration.ofHours(3));
        Derived derived = RULES.derive(reachable().withConversations(5, drops), T);
        assertThat(derived.state()).isEqualTo(PresenceState.BUSY);
        assertThat(derived.reasons()).containsExactly(PresenceReason.AT_CAPACITY);
        assertThat(derived.dueAt()).isEqualTo(drops);
    }

    @Nested
    class Unreachable {

        @Test
        void aLostConnectionIsBusyForTwoMinutesThenAway() {
            Instant lost = T.plusSeconds(600);
            PresenceFacts facts = reachable().withConnection(false, lost);
            Derived grace = RULES.derive(facts, lost.plusSeconds(119));
            assertThat(grace.state()).as("never available, not yet away").isEqualTo(PresenceState.BUSY);
            assertThat(grace.reasons()).containsExactly(PresenceReason.NOT_CONNECTED);
            assertThat(grace.dueAt()).isEqualTo(lost.plusSeconds(120));
            Derived away = RULES.derive(facts, lost.plusSeconds(120));
            assertThat(away.state()).isEqualTo(PresenceState.AWAY);
            assertThat(away.dueAt()).isNull();
        }

        @Test
        void theAppInTheBackgroundIsBusyForTwoMinutesThenAway() {
            Instant background = T.plusSeconds(60);
            PresenceFacts facts = reachable().withForeground(false, background);
            assertThat(RULES.derive(facts, background.plusSeconds(60)).state()).isEqualTo(PresenceState.BUSY);
            Derived away = RULES.derive(facts, background.plusSeconds(121));
            assertThat(away.state()).isEqualTo(PresenceState.AWAY);
            assertThat(away.reasons()).containsExactly(PresenceReason.IN_BACKGROUND);
        }

        @Test
        void aNewConnectionThatReportedNoForegroundCountsFromItsOpening() {
            Instant reconnected = T.plusSeconds(3600);
            PresenceFacts facts = reachable().withConnection(false, T.plusSeconds(10)).withForeground(false,
                    T.plusSeconds(10)).withConnection(true, reconnected);
            Derived derived = RULES.derive(facts, reconnected.plusSeconds(30));
            assertThat(derived.state()).isEqualTo(PresenceState.BUSY);
            assertThat(derived.dueAt()).isEqualTo(reconnected.plusSeconds(120));
        }

        @Test
        void aShiftStartedWithoutTheAppCountsFromItsStart() {
            Instant started = T.plusSeconds(7200);
            PresenceFacts facts = PresenceFacts.NONE.withConnection(false, T).withShift("shift-2", false, started);
            assertThat(RULES.derive(facts, started.plusSeconds(1)).state()).isEqualTo(PresenceState.BUSY);
            assertThat(RULES.derive(facts, started.plusSeconds(1)).dueAt()).isEqualTo(started.plusSeconds(120));
            assertThat(RULES.derive(facts, started.plusSeconds(120)).state()).isEqualTo(PresenceState.AWAY);
        }

        @Test
        void theEndOfABreakStartsTheGraceAgain() {
            Instant back = T.plusSeconds(1800);
            PresenceFacts facts = PresenceFacts.NONE.withShift("shift-1", false, back).withConnection(false, T);
            assertThat(RULES.derive(facts, back.plusSeconds(119)).state()).isEqualTo(PresenceState.BUSY);
        }

        @Test
        void theAwayTimeIsConfigurable() {
            var quick = new PresenceRules(Duration.ofSeconds(2), 5);
            PresenceFacts facts = reachable().withConnection(false, T);
            assertThat(quick.derive(facts, T.plusSeconds(2)).state()).isEqualTo(PresenceState.AWAY);
        }
    }

    @Test
    void reconnectingInTheForegroundIsAvailableAgain() {
        PresenceFacts facts = reachable().withConnection(false, T.plusSeconds(10))
                .withConnection(true, T.plusSeconds(500));
        assertThat(RULES.derive(facts, T.plusSeconds(500)).state()).isEqualTo(PresenceState.AVAILABLE);
    }

    @Test
    void rulesRefuseNonsense() {
        assertThatThrownBy(() -> new PresenceRules(Duration.ofSeconds(-1), 5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PresenceRules(Duration.ZERO, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PresenceFacts.NONE.withConversations(-1, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
