package app.hearth.domain.money.wallet;

import org.jmolecules.ddd.annotation.ValueObject;

/** Units taken from one source: {@link #GRANTED} tokens, or a purchase (token lot or moment pack) by its key. */
@ValueObject
public record Draw(String source, long amount) {

    /** The source name of granted (promotional) tokens. */
    public static final String GRANTED = "granted";

    /** {@code amount} granted (promotional) tokens. */
    static Draw granted(long amount) {
        return new Draw(GRANTED, amount);
    }

    /** {@code amount} units of the purchase {@code key} (a token lot or a moment pack). */
    static Draw fromPurchase(String key, long amount) {
        return new Draw(key, amount);
    }
}
