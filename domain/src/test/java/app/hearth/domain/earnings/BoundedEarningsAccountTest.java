package app.hearth.domain.earnings;

import static app.hearth.domain.earnings.EarningsDeciderTest.COMPANION;
import static app.hearth.domain.earnings.EarningsDeciderTest.OPENED;
import static app.hearth.domain.earnings.EarningsDeciderTest.T0;
import static app.hearth.domain.earnings.EarningsDeciderTest.credit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.domain.earnings.EarningsAccount.Open;
import app.hearth.domain.shared.RuleViolation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** An earnings account remembers its last movements in memory; older ones are recalled from the index (ADR 0041). */
class BoundedEarningsAccountTest {

    private final Map<String, RecordedMovement> everyKey = new HashMap<>();
    private EarningsAccount state = EarningsDecider.evolve(EarningsDecider.initialState(), OPENED);

    private List<EarningsEvent> run(EarningsCommand command) {
        Map<String, RecordedMovement> found = EarningsDecider.keysToRecall(command, state).stream()
                .filter(everyKey::containsKey).collect(Collectors.toMap(key -> key, everyKey::get));
        long before = ((Open) state).movements().lastSequence();
        List<EarningsEvent> events = EarningsDecider.decide(command, ((Open) state).recalling(found));
        for (EarningsEvent event : events) {
            state = EarningsDecider.evolve(state, event);
        }
        ((Open) state).movements().recordedAfter(before)
                .forEach(entry -> entry.keys().forEach(key -> everyKey.put(key, entry.record())));
        return events;
    }

    @Test
    void staysBoundedAndAnswersAForgottenCreditOnce() {
        for (int i = 0; i < 1_000; i++) {
            run(credit("entry-" + i, "call:" + i, 1, 10));
        }
        Open account = (Open) state;
        assertThat(account.movements().entries()).hasSize(Open.REMEMBERED_MOVEMENTS);

        assertThat(run(credit("entry-again", "call:0", 1, 10))).isEmpty();
        assertThat(((Open) state).balance()).isEqualTo(account.balance());
        assertThat(EarningsDecider.recordedMovement(credit("x", "call:0", 1, 10), ((Open) state)
                .recalling(Map.of("source:call:0", everyKey.get("source:call:0"))))).isPresent();
    }

    @Test
    void aForgottenEntryIdIsStillRefusedAndAForgottenPenaltyStillReversible() {
        run(new EarningsCommand.ApplyPenalty(COMPANION, "penalty-1", "case-1", "NO_SHOW", 5, "supervisor:s", T0));
        for (int i = 0; i < 300; i++) {
            run(credit("entry-" + i, "call:" + i, 1, 10));
        }

        assertThatThrownBy(() -> run(credit("entry-1", "call:new", 1, 10))).isInstanceOf(RuleViolation.class)
                .hasMessageContaining("entry-1");
        assertThat(run(new EarningsCommand.ReversePenalty(COMPANION, "reversal-1", "penalty-1", "appeal",
                "admin:a", T0))).hasSize(1);
        assertThat(run(new EarningsCommand.ReversePenalty(COMPANION, "reversal-2", "penalty-1", "appeal",
                "admin:a", T0))).isEmpty();
    }
}
