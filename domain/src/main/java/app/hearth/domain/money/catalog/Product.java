package app.hearth.domain.money.catalog;

import app.hearth.domain.shared.RuleViolation;
import java.time.Duration;

/**
 * Something a member buys, belonging to exactly one monetization version. Prices are integers in the currency's
 * smallest unit (cents).
 */
public sealed interface Product {

    String productId();

    ProviderIds providerIds();

    long priceCents();

    String currency();

    MonetizationVersion version();

    /** V1: a pack of paid tokens. */
    record TokenPack(String productId, ProviderIds providerIds, long priceCents, String currency, long tokens)
            implements Product {
        public TokenPack {
            RuleViolation.requireText(productId, "productId");
            if (tokens <= 0) {
                throw RuleViolation.invalid("INVALID_PRODUCT", "tokens", "a token pack holds at least one token");
            }
        }

        @Override
        public MonetizationVersion version() {
            return MonetizationVersion.V1_TOKENS;
        }
    }

    /** V2: a subscription tier granting per local day {@code dailyCallSeconds} and {@code dailyMessages}. */
    record Tier(String productId, ProviderIds providerIds, long priceCents, String currency, String name, int rank,
                long dailyCallSeconds, long dailyMessages) implements Product {
        public Tier {
            RuleViolation.requireText(productId, "productId");
            if (dailyCallSeconds < 0 || dailyMessages < 0) {
                throw RuleViolation.invalid("INVALID_PRODUCT", "dailyCallSeconds", "allowances are not negative");
            }
        }

        @Override
        public MonetizationVersion version() {
            return MonetizationVersion.V2_TIERS;
        }
    }

    /** V3: {@code moments} moments of up to {@code momentLength} each, expiring {@code validFor} after purchase. */
    record MomentPack(String productId, ProviderIds providerIds, long priceCents, String currency, int moments,
                      Duration momentLength, Duration validFor) implements Product {
        public MomentPack {
            RuleViolation.requireText(productId, "productId");
            if (moments <= 0 || momentLength == null || momentLength.isNegative() || momentLength.isZero()
                    || validFor == null || validFor.isNegative() || validFor.isZero()) {
                throw RuleViolation.invalid("INVALID_PRODUCT", "moments", "a moment pack holds at least one moment "
                        + "of a positive length and is valid for a positive time");
            }
        }

        @Override
        public MonetizationVersion version() {
            return MonetizationVersion.V3_MOMENTS;
        }
    }
}
