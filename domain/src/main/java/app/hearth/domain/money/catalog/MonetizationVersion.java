package app.hearth.domain.money.catalog;

import java.util.Locale;
import java.util.Optional;

/** How a member pays: V1 tokens, V2 tiered subscriptions with daily allowances, V3 prepaid moment packs. */
public enum MonetizationVersion {
    V1_TOKENS, V2_TIERS, V3_MOMENTS;

    /** The code clients see: {@code v1}, {@code v2}, {@code v3}. */
    public String code() {
        return name().substring(0, 2).toLowerCase(Locale.ROOT);
    }

    public static Optional<MonetizationVersion> ofCode(String code) {
        for (MonetizationVersion version : values()) {
            if (version.code().equalsIgnoreCase(code == null ? "" : code.strip())
                    || version.name().equalsIgnoreCase(code == null ? "" : code.strip())) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }
}
