package app.hearth.domain.money.wallet;

import org.jmolecules.ddd.annotation.ValueObject;

/** Paid tokens of one purchase (or migration): how many it brought and how many are unspent. */
@ValueObject
public record TokenLot(String key, String productId, long tokens, long remaining) {

    TokenLot minus(long spent) {
        return new TokenLot(key, productId, tokens, remaining - spent);
    }
}
