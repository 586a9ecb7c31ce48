package app.hearth.domain.money.wallet;

import java.time.Instant;
import org.jmolecules.ddd.annotation.ValueObject;

/** V3: a 24-hour chat window with one companion, bought with one moment. */
@ValueObject
public record ChatWindow(String companionId, Instant opensAt, Instant endsAt) {

    public boolean openAt(Instant at) {
        return !at.isBefore(opensAt) && at.isBefore(endsAt);
    }
}
