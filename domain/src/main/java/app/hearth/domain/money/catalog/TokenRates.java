package app.hearth.domain.money.catalog;

import app.hearth.domain.shared.RuleViolation;
import org.jmolecules.ddd.annotation.ValueObject;

/** V1 prices in tokens: per started minute of an audio call, of a video call, and per chat message sent. */
@ValueObject
public record TokenRates(long perAudioMinute, long perVideoMinute, long perChatMessage) {

    public TokenRates {
        if (perAudioMinute <= 0 || perVideoMinute <= 0 || perChatMessage < 0) {
            throw RuleViolation.invalid("INVALID_RATES", "perAudioMinute", "call rates are positive, the chat rate "
                    + "is not negative");
        }
    }
}
