package app.hearth.domain.money.wallet;

import org.jmolecules.ddd.annotation.ValueObject;

/** Paid tokens of one purchase (or migration): how many it brought and how many are unspent. */
@ValueObject
public record TokenLot(String key, String productId, long tokens, long remaining) {

    /** The lot a purchase (or migration) {@code key} brings: {@code tokens}, none spent. */
    static TokenLot bought(String key, String productId, long tokens) {
        return new TokenLot(key, productId, tokens, tokens);
    }

    TokenLot minus(long spent) {
        return new TokenLot(key, productId, tokens, remaining - spent);
    }
}
