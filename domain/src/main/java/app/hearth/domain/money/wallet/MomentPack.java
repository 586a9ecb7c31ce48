package app.hearth.domain.money.wallet;

import java.time.Instant;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * A moment pack in a wallet: {@code remaining} moments not yet used (of which {@code held} are held by calls),
 * each covering up to {@code momentSeconds} of call; unusable from {@code expiresAt}. {@code order} is the
 * purchase order, which breaks ties between packs expiring at the same instant.
 */
@ValueObject
public record MomentPack(String key, String productId, long moments, long remaining, long held, long momentSeconds,
                         Instant expiresAt, long order) {

    /** The pack a purchase (or migration) {@code key} brings: {@code moments}, none used or held. */
    static MomentPack bought(String key, String productId, long moments, long momentSeconds, Instant expiresAt,
                             long order) {
        return new MomentPack(key, productId, moments, moments, 0, momentSeconds, expiresAt, order);
    }

    public boolean usableAt(Instant at) {
        return at.isBefore(expiresAt);
    }

    public long free() {
        return remaining - held;
    }

    MomentPack with(long remaining, long held) {
        return new MomentPack(key, productId, moments, remaining, held, momentSeconds, expiresAt, order);
    }
}
