package app.hearth.domain.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The ranking of "anyone available" ({@code semantics.md}, "Routing"), without I/O: given every available companion
 * with their facts, who is eligible and in which order, and the rule that decided.
 *
 * <ol>
 *   <li>Eligible: not the member, not already offered this request, speaks one of the member's languages (and the
 *       filter's language, gender and skill when given).</li>
 *   <li>Continuity first: the member's favorites (newest favorite first), then the companions they talked to in the
 *       last 30 days, most recent first.</li>
 *   <li>Then the most interests shared (member interests against companion skills), the least connected call time
 *       today, the longest idle, and the companion id (so the order is total and repeatable).</li>
 *   <li>Fairness: while some eligible companion has had no new member in the last hour, those who had
 *       {@value #NEW_MEMBERS_PER_HOUR} or more go after everyone else. Continuity is exempt: a favorite or a
 *       companion talked to lately is not offered a <em>new</em> member.</li>
 * </ol>
 */
public final class RoutingRanking {

    /** How many new members a companion may be offered in an hour while another eligible one has had none. */
    public static final int NEW_MEMBERS_PER_HOUR = 6;

    private RoutingRanking() {
    }

    public static RoutingDecision rank(RoutingRequest request, Collection<RoutingCandidate> available) {
        List<Keyed> eligible = new ArrayList<>(available.size());
        for (RoutingCandidate candidate : available) {
            if (eligible(request, candidate)) {
                eligible.add(new Keyed(candidate, continuity(candidate), sharedInterests(request, candidate)));
            }
        }
        eligible.sort(RoutingRanking::compare);
        List<Keyed> fair = fair(eligible);
        RoutingRule rule = fair.isEmpty() ? RoutingRule.NONE_AVAILABLE
                : fair.size() == 1 ? RoutingRule.ONLY_CANDIDATE
                : !fair.getFirst().candidate().companionId().equals(eligible.getFirst().candidate().companionId())
                        ? RoutingRule.FAIRNESS
                : decidingRule(fair.get(0), fair.get(1));
        List<RoutingDecision.Ranked> ranked = new ArrayList<>(fair.size());
        for (Keyed keyed : fair) {
            ranked.add(new RoutingDecision.Ranked(keyed.candidate().companionId(), reasons(keyed)));
        }
        return new RoutingDecision(ranked, rule);
    }

    /** A candidate with the keys computed once: {@link #continuity} and {@link #sharedInterests}. */
    private record Keyed(RoutingCandidate candidate, int continuity, int shared) {
    }

    static boolean eligible(RoutingRequest request, RoutingCandidate candidate) {
        if (candidate.companionId().equals(request.memberId()) || request.excluded().contains(candidate.companionId())
                || !speaksOneOf(request.languages(), candidate.languages())) {
            return false;
        }
        RoutingFilters filters = request.filters();
        return (filters.language() == null || candidate.languages().contains(filters.language()))
                && (filters.gender() == null || filters.gender().name().equals(candidate.gender()))
                && (filters.skill() == null || candidate.skills().contains(filters.skill().name()));
    }

    private static boolean speaksOneOf(List<String> languages, Set<String> spoken) {
        for (String language : languages) {
            if (spoken.contains(language)) {
                return true;
            }
        }
        return false;
    }

    /** 0: a favorite, 1: talked to lately, 2: neither. */
    static int continuity(RoutingCandidate candidate) {
        return candidate.favoriteRank() != null ? 0 : candidate.lastTalkedAt() != null ? 1 : 2;
    }

    static int sharedInterests(RoutingRequest request, RoutingCandidate candidate) {
        int shared = 0;
        for (String skill : candidate.skills()) {
            if (request.interests().contains(skill)) {
                shared++;
            }
        }
        return shared;
    }

    /**
     * Continuity, the favorite's rank (nulls last), the last talk (newest first, nulls last), the most interests
     * shared, the least connected today, the longest idle (nulls last), the companion id.
     */
    private static int compare(Keyed a, Keyed b) {
        int order = Integer.compare(a.continuity(), b.continuity());
        if (order != 0) {
            return order;
        }
        RoutingCandidate x = a.candidate();
        RoutingCandidate y = b.candidate();
        order = nullsLast(x.favoriteRank(), y.favoriteRank());
        if (order != 0) {
            return order;
        }
        order = newestFirst(x.lastTalkedAt(), y.lastTalkedAt());
        if (order != 0) {
            return order;
        }
        order = Integer.compare(b.shared(), a.shared());
        if (order != 0) {
            return order;
        }
        order = Long.compare(x.connectedSecondsToday(), y.connectedSecondsToday());
        if (order != 0) {
            return order;
        }
        order = nullsLast(x.idleSince(), y.idleSince());
        if (order != 0) {
            return order;
        }
        return x.companionId().compareTo(y.companionId());
    }

    /** Natural order, nulls after every value. */
    private static <T extends Comparable<? super T>> int nullsLast(T a, T b) {
        if (a == null) {
            return b == null ? 0 : 1;
        }
        return b == null ? -1 : a.compareTo(b);
    }

    /** Reverse order, nulls after every value. */
    private static int newestFirst(Instant a, Instant b) {
        if (a == null) {
            return b == null ? 0 : 1;
        }
        return b == null ? -1 : b.compareTo(a);
    }

    /** Those at the cap go after the rest of the non-continuity candidates while someone has had nobody. */
    private static List<Keyed> fair(List<Keyed> ranked) {
        boolean someoneHadNone = false;
        for (Keyed keyed : ranked) {
            if (keyed.candidate().newMembersLastHour() == 0) {
                someoneHadNone = true;
                break;
            }
        }
        if (!someoneHadNone) {
            return ranked;
        }
        List<Keyed> first = new ArrayList<>(ranked.size());
        List<Keyed> capped = new ArrayList<>();
        for (Keyed keyed : ranked) {
            (keyed.continuity() == 2 && keyed.candidate().newMembersLastHour() >= NEW_MEMBERS_PER_HOUR ? capped : first)
                    .add(keyed);
        }
        first.addAll(capped);
        return first;
    }

    private static RoutingRule decidingRule(Keyed firstKeyed, Keyed secondKeyed) {
        RoutingCandidate first = firstKeyed.candidate();
        RoutingCandidate second = secondKeyed.candidate();
        int a = firstKeyed.continuity();
        int b = secondKeyed.continuity();
        if (a != b) {
            return a == 0 ? RoutingRule.FAVORITE : RoutingRule.RECENTLY_TALKED;
        }
        if (a == 0 && !Objects.equals(first.favoriteRank(), second.favoriteRank())) {
            return RoutingRule.FAVORITE;
        }
        if (a <= 1 && !Objects.equals(first.lastTalkedAt(), second.lastTalkedAt())) {
            return RoutingRule.RECENTLY_TALKED;
        }
        if (firstKeyed.shared() != secondKeyed.shared()) {
            return RoutingRule.INTEREST_MATCH;
        }
        if (first.connectedSecondsToday() != second.connectedSecondsToday()) {
            return RoutingRule.LEAST_CONNECTED_TODAY;
        }
        if (!Objects.equals(first.idleSince(), second.idleSince())) {
            return RoutingRule.LONGEST_IDLE;
        }
        return RoutingRule.TIE;
    }

    private static List<String> reasons(Keyed keyed) {
        RoutingCandidate candidate = keyed.candidate();
        List<String> reasons = new ArrayList<>(6);
        if (candidate.favoriteRank() != null) {
            reasons.add("favorite #" + (candidate.favoriteRank() + 1));
        }
        if (candidate.lastTalkedAt() != null) {
            reasons.add("talked " + candidate.lastTalkedAt());
        }
        reasons.add("interests shared " + keyed.shared());
        reasons.add("connected today " + candidate.connectedSecondsToday() + " s");
        Instant idle = candidate.idleSince();
        reasons.add("idle since " + idle);
        reasons.add("new members last hour " + candidate.newMembersLastHour()
                + (candidate.newMembersLastHour() >= NEW_MEMBERS_PER_HOUR ? " (at the cap)" : ""));
        return reasons;
    }
}
