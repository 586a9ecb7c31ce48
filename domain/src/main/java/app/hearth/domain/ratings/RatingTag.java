package app.hearth.domain.ratings;

import app.hearth.domain.shared.RuleViolation;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The fixed set of tags a member may add to a rating; the wire names (lower case) are stored and never change. */
public enum RatingTag {
    KIND, GOOD_LISTENER, PATIENT, FUNNY, LATE, RUDE, FELT_UNSAFE;

    public static final String UNKNOWN = "UNKNOWN_RATING_TAG";

    /** The name clients send and receive: {@code good_listener}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RatingTag parse(String wire) {
        if (wire != null) {
            for (RatingTag tag : values()) {
                if (tag.wire().equals(wire.strip())) {
                    return tag;
                }
            }
        }
        throw RuleViolation.invalid(UNKNOWN, "tags", "unknown rating tag '" + wire + "'; the tags are "
                + java.util.Arrays.stream(values()).map(RatingTag::wire).toList());
    }

    /** The tags as given in a request (null: none); a tag named twice counts once. */
    public static Set<RatingTag> parseAll(Collection<String> wire) {
        Set<RatingTag> tags = EnumSet.noneOf(RatingTag.class);
        if (wire != null) {
            wire.forEach(name -> tags.add(parse(name)));
        }
        return Set.copyOf(tags);
    }
}
