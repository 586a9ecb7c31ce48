package app.hearth.adapters.shared.axon.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.hearth.domain.shared.RuleViolation;
import app.hearth.domain.shared.TransientConflict;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

class DeadLetterPolicyTest {

    final DeadLetterPolicy policy = new DeadLetterPolicy("test-group");
    final EventMessage<?> event = new GenericDomainEventMessage<>("Wallet", "wallet:m-1", 3, "payload");

    @Test
    void anEventTheReadModelRefusesIsDeadLetteredWithItsCauseAndAttemptsCounted() {
        var refused = new DataIntegrityViolationException("check constraint",
                new SQLException("new row violates check constraint", "23514"));
        EnqueueDecision<EventMessage<?>> first = policy.decide(letter(MetaData.emptyInstance()), refused);
        assertThat(first.shouldEnqueue()).isTrue();
        assertThat(first.enqueueCause()).get().extracting(Throwable::getMessage).asString()
                .contains("check constraint");
        DeadLetter<? extends EventMessage<?>> enqueued = first.withDiagnostics(letter(MetaData.emptyInstance()));
        assertThat(enqueued.diagnostics()).containsEntry(DeadLetterPolicy.ATTEMPTS, 1L);

        EnqueueDecision<EventMessage<?>> again = policy.decide(letter(enqueued.diagnostics()), refused);
        assertThat(again.withDiagnostics(letter(enqueued.diagnostics())).diagnostics())
                .containsEntry(DeadLetterPolicy.ATTEMPTS, 2L);
    }

    @Test
    void aHandlerThatThrowsOnTheEventDeadLettersIt() {
        assertThat(policy.decide(letter(MetaData.emptyInstance()), new IllegalStateException("out of order"))
                .shouldEnqueue()).isTrue();
    }

    @Test
    void aFailureOfTheSurroundingsParksNothingAndFailsTheBatch() {
        for (String state : new String[] {"08006", "25P02", "40001", "40P01", "42P01", "53300", "55P03", "57014",
                "58030"}) {
            var failure = new RuntimeException("wrapped", new SQLException("failed", state));
            assertThatThrownBy(() -> policy.decide(letter(MetaData.emptyInstance()), failure)).as(state)
                    .isInstanceOf(DeadLetterPolicy.SurroundingsFailed.class).hasCause(failure);
        }
        assertThat(DeadLetterPolicy.isAboutTheSurroundings(new SQLTransientConnectionException("pool timeout")))
                .isTrue();
        assertThat(DeadLetterPolicy.isAboutTheSurroundings(new ConcurrencyException("raced"))).isTrue();
        assertThat(DeadLetterPolicy.isAboutTheSurroundings(new IllegalStateException("settling failed",
                new TransientConflict("the wallet changed concurrently")))).isTrue();
        assertThat(DeadLetterPolicy.isAboutTheSurroundings(RuleViolation.conflict("HOLDS_OPEN", "holds open")))
                .isFalse();
        assertThat(DeadLetterPolicy.isAboutTheSurroundings(new SQLException("unique", "23505"))).isFalse();
        assertThat(DeadLetterPolicy.isAboutTheSurroundings(new SQLException("no state"))).isFalse();
    }

    private DeadLetter<? extends EventMessage<?>> letter(MetaData diagnostics) {
        return new GenericDeadLetter<EventMessage<?>>("wallet:m-1", event).withDiagnostics(diagnostics);
    }
}
