package app.hearth.domain.money.wallet;

import org.jmolecules.ddd.annotation.ValueObject;

/** Units taken from one source: {@link #GRANTED} tokens, or a purchase (token lot or moment pack) by its key. */
@ValueObject
public record Draw(String source, long amount) {

    /** The source name of granted (promotional) tokens. */
    public static final String GRANTED = "granted";
}
