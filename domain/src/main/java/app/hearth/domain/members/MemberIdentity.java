package app.hearth.domain.members;

import app.hearth.domain.shared.RuleViolation;
import java.util.regex.Pattern;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * One identifier of a member outside Hearth: a kind and its value. Each (kind, value) belongs to at most one
 * member. Attaching one is a claim, not a proof: whoever settles money on it checks it against what the
 * provider says.
 */
@ValueObject
public record MemberIdentity(IdentityKind kind, String value) {

    public static final String INVALID_VALUE = "INVALID_IDENTITY_VALUE";
    public static final int MAX_VALUE = 200;

    /** Printable ASCII without spaces: what providers' ids are made of. */
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7E]{1," + MAX_VALUE + "}");
    private static final Pattern STRIPE_CUSTOMER = Pattern.compile("cus_[A-Za-z0-9]{1,196}");

    public MemberIdentity {
        RuleViolation.require(kind, "kind");
        value = RuleViolation.requireText(value, "value").strip();
        boolean valid = PRINTABLE.matcher(value).matches()
                && (kind != IdentityKind.STRIPE_CUSTOMER_ID || STRIPE_CUSTOMER.matcher(value).matches());
        if (!valid) {
            throw RuleViolation.invalid(INVALID_VALUE, "value", kind == IdentityKind.STRIPE_CUSTOMER_ID
                    ? "a Stripe customer id looks like cus_ followed by letters and digits"
                    : "an identifier is 1 to " + MAX_VALUE + " printable characters without spaces");
        }
    }

    /** An identity from what a member sent: the kind as its code. */
    public static MemberIdentity of(String kind, String value) {
        RuleViolation.requireText(kind, "kind");
        return new MemberIdentity(IdentityKind.ofCode(kind).orElseThrow(() -> RuleViolation.invalid(
                IdentityKind.UNKNOWN, "kind", "kind must be one of adapty_profile_id, app_install_id, "
                        + "stripe_customer_id")), value);
    }
}
