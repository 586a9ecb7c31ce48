package app.hearth.application.members;

import java.time.Instant;
import java.util.Optional;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/**
 * Closed accounts, each under a pseudonym. The only link to the user is {@code subjectKey}, a keyed one-way
 * hash of the user id ({@link SubjectKeys}): it makes closing again idempotent and lets Hearth tell a returning
 * user apart, but the user id cannot be read back from it.
 */
@SecondaryPort
public interface ClosedMembers {

    record Closure(String pseudonym, String subjectKey, Instant closedAt) {
    }

    /** Records the closure unless one with the same subject key exists; returns the one recorded. */
    Closure recordIfAbsent(Closure closure);

    Optional<Closure> find(String subjectKey);
}
