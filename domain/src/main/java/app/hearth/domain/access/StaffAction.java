package app.hearth.domain.access;

import app.hearth.domain.shared.RuleViolation;
import java.time.Instant;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * One entry of the staff audit trail: who ({@code actor}, as ledgers record it), what ({@code kind} done to
 * {@code subject}, from {@code before} to {@code after}, with an optional {@code reason}) and when. The
 * {@code actionId} makes recording idempotent: a retried request records nothing new.
 */
@ValueObject
public record StaffAction(String actionId, String actor, StaffActionKind kind, String subject, String before,
                          String after, String reason, Instant at) {

    public StaffAction {
        RuleViolation.requireText(actionId, "actionId");
        RuleViolation.requireText(actor, "actor");
        RuleViolation.require(kind, "kind");
        RuleViolation.requireText(subject, "subject");
        RuleViolation.require(at, "at");
    }
}
