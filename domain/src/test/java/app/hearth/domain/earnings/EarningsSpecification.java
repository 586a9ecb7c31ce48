package app.hearth.domain.earnings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.domain.shared.RuleViolation;
import java.util.List;

/** Given events, when a command, then events or a rule violation: the decider's specification language. */
final class EarningsSpecification {

    private final List<EarningsEvent> given;
    private EarningsCommand when;

    private EarningsSpecification(List<EarningsEvent> given) {
        this.given = given;
    }

    static EarningsSpecification given(EarningsEvent... history) {
        return new EarningsSpecification(List.of(history));
    }

    static EarningsSpecification given(List<EarningsEvent> history) {
        return new EarningsSpecification(history);
    }

    EarningsSpecification when(EarningsCommand command) {
        this.when = command;
        return this;
    }

    List<EarningsEvent> thenEvents() {
        return EarningsDecider.decide(when, EarningsDecider.replay(given));
    }

    void thenNothingHappens() {
        assertThat(thenEvents()).isEmpty();
    }

    void thenRefusedWith(String code) {
        assertThatThrownBy(this::thenEvents)
                .isInstanceOfSatisfying(RuleViolation.class, violation -> assertThat(violation.code()).isEqualTo(code));
    }
}
