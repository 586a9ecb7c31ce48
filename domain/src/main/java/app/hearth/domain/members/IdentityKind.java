package app.hearth.domain.members;

import java.util.Locale;
import java.util.Optional;

/**
 * Identifiers of a member outside Hearth that payment events carry (semantics.md, "Payment events": the
 * purchaser's keys), so that a purchase made before Hearth knew the member can later be claimed by them. The
 * codes ({@code adapty_profile_id}, …) are a stable contract.
 */
public enum IdentityKind {
    /** Adapty's {@code profile_id} of the app installation's purchaser. */
    ADAPTY_PROFILE_ID,
    /** The id the app generates once per installation. */
    APP_INSTALL_ID,
    /** A Stripe customer ({@code cus_…}). */
    STRIPE_CUSTOMER_ID;

    public static final String UNKNOWN = "UNKNOWN_IDENTITY_KIND";

    /** The code as clients send and receive it: {@code adapty_profile_id}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<IdentityKind> ofCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(code.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
