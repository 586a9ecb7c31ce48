package app.hearth.domain.money.wallet;

import java.time.Duration;
import java.time.Instant;
import org.jmolecules.ddd.annotation.ValueObject;

/** V3: a 24-hour chat window with one companion, bought with one moment. */
@ValueObject
public record ChatWindow(String companionId, Instant opensAt, Instant endsAt) {

    /** A V3 chat window lasts this long. */
    public static final Duration LENGTH = Duration.ofHours(24);

    /** The window a moment opens with {@code companionId} at {@code at}. */
    static ChatWindow openedAt(String companionId, Instant at) {
        return new ChatWindow(companionId, at, at.plus(LENGTH));
    }

    public boolean openAt(Instant at) {
        return !at.isBefore(opensAt) && at.isBefore(endsAt);
    }
}
