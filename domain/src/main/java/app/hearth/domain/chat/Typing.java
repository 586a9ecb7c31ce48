package app.hearth.domain.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * A typing signal one participant announced to the other (semantics.md: a signal, never stored; it lapses
 * {@link #LAPSE} after it was announced without a repeat). The recipient lapses it by itself at {@link #expiresAt()};
 * a repeat within {@link #RESEND} of the last announcement is not announced again (it extends nothing: the
 * recipient still lapses the earlier one, and the sender keeps repeating while it types). A stop is announced only
 * while a start is still in force.
 */
@ValueObject
public record Typing(Instant announcedAt, boolean stopped) {

    /** A typing signal lapses this long after it was announced. */
    public static final Duration LAPSE = Duration.ofSeconds(6);
    /** A repeat this soon after the last announcement is not announced again. */
    public static final Duration RESEND = Duration.ofSeconds(2);

    public Typing {
        Objects.requireNonNull(announcedAt);
    }

    /** When the recipient stops showing it (a stop: at once). */
    public Instant expiresAt() {
        return stopped ? announcedAt : announcedAt.plus(LAPSE);
    }

    /** Whether it still shows at {@code now}. */
    public boolean inForce(Instant now) {
        return !stopped && now.isBefore(expiresAt());
    }

    /**
     * What to announce when the sender signals at {@code now} ({@code stop}: they stopped typing), given the last
     * announcement ({@code last}, null when none): a new one, or nothing (a repeat too soon, a stop with nothing to
     * stop).
     */
    public static Optional<Typing> next(Typing last, boolean stop, Instant now) {
        boolean inForce = last != null && last.inForce(now);
        if (stop) {
            return inForce ? Optional.of(new Typing(now, true)) : Optional.empty();
        }
        if (inForce && now.isBefore(last.announcedAt().plus(RESEND))) {
            return Optional.empty();
        }
        return Optional.of(new Typing(now, false));
    }
}
