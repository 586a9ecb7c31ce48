package app.hearth.domain.routing;

/**
 * The rule that put the chosen companion first ({@code semantics.md}, "Routing"), in the order the ranking applies
 * them: continuity ({@link #FAVORITE}, then {@link #RECENTLY_TALKED}), {@link #INTEREST_MATCH},
 * {@link #LEAST_CONNECTED_TODAY}, {@link #LONGEST_IDLE}, and last the companion id so that a ranking is always total
 * ({@link #TIE}). {@link #FAIRNESS} when the cap on new members an hour moved someone else first,
 * {@link #ONLY_CANDIDATE} when there was nobody to compare with, {@link #NEXT_AVAILABLE} when the ones ranked ahead
 * were taken by someone else meanwhile, {@link #NONE_AVAILABLE} when nobody could be offered.
 */
public enum RoutingRule {
    FAVORITE("one of your favorite companions"),
    RECENTLY_TALKED("you talked with them recently"),
    INTEREST_MATCH("shares the most of your interests"),
    LEAST_CONNECTED_TODAY("has had the least call time today"),
    LONGEST_IDLE("has been waiting the longest for someone to talk to"),
    TIE("first of equally good matches"),
    FAIRNESS("offered so that every available companion gets new members in turn"),
    ONLY_CANDIDATE("the only companion available who speaks your language"),
    NEXT_AVAILABLE("the best match still available when you asked"),
    NONE_AVAILABLE("nobody who speaks your language is available right now");

    private final String explanation;

    RoutingRule(String explanation) {
        this.explanation = explanation;
    }

    /** Why, in words a member reads ("why this companion"). */
    public String explanation() {
        return explanation;
    }
}
