package app.hearth.domain.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

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
        List<RoutingCandidate> eligible = new ArrayList<>();
        for (RoutingCandidate candidate : available) {
            if (eligible(request, candidate)) {
                eligible.add(candidate);
            }
        }
        java.util.Map<String, Integer> shared = new java.util.HashMap<>();
        for (RoutingCandidate candidate : eligible) {
            shared.put(candidate.companionId(), sharedInterests(request, candidate));
        }
        Comparator<RoutingCandidate> order = order(shared);
        eligible.sort(order);
        List<RoutingCandidate> fair = fair(eligible);
        RoutingRule rule = fair.isEmpty() ? RoutingRule.NONE_AVAILABLE
                : fair.size() == 1 ? RoutingRule.ONLY_CANDIDATE
                : !fair.getFirst().companionId().equals(eligible.getFirst().companionId()) ? RoutingRule.FAIRNESS
                : decidingRule(request, fair.get(0), fair.get(1));
        List<RoutingDecision.Ranked> ranked = fair.stream()
                .map(candidate -> new RoutingDecision.Ranked(candidate.companionId(), reasons(request, candidate)))
                .toList();
        return new RoutingDecision(ranked, rule);
    }

    static boolean eligible(RoutingRequest request, RoutingCandidate candidate) {
        if (candidate.companionId().equals(request.memberId()) || request.excluded().contains(candidate.companionId())
                || request.languages().stream().noneMatch(candidate.languages()::contains)) {
            return false;
        }
        RoutingFilters filters = request.filters();
        return (filters.language() == null || candidate.languages().contains(filters.language()))
                && (filters.gender() == null || filters.gender().name().equals(candidate.gender()))
                && (filters.skill() == null || candidate.skills().contains(filters.skill().name()));
    }

    /** 0: a favorite, 1: talked to lately, 2: neither. */
    static int continuity(RoutingCandidate candidate) {
        return candidate.favoriteRank() != null ? 0 : candidate.lastTalkedAt() != null ? 1 : 2;
    }

    static int sharedInterests(RoutingRequest request, RoutingCandidate candidate) {
        return (int) candidate.skills().stream().filter(request.interests()::contains).count();
    }

    private static Comparator<RoutingCandidate> order(java.util.Map<String, Integer> shared) {
        return Comparator.comparingInt(RoutingRanking::continuity)
                .thenComparing(RoutingCandidate::favoriteRank, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(RoutingCandidate::lastTalkedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(candidate -> shared.get(candidate.companionId()), Comparator.reverseOrder())
                .thenComparingLong(RoutingCandidate::connectedSecondsToday)
                .thenComparing(RoutingCandidate::idleSince, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(RoutingCandidate::companionId);
    }

    /** Those at the cap go after the rest of the non-continuity candidates while someone has had nobody. */
    private static List<RoutingCandidate> fair(List<RoutingCandidate> ranked) {
        boolean someoneHadNone = ranked.stream().anyMatch(candidate -> candidate.newMembersLastHour() == 0);
        if (!someoneHadNone) {
            return ranked;
        }
        List<RoutingCandidate> first = new ArrayList<>();
        List<RoutingCandidate> capped = new ArrayList<>();
        for (RoutingCandidate candidate : ranked) {
            (continuity(candidate) == 2 && candidate.newMembersLastHour() >= NEW_MEMBERS_PER_HOUR ? capped : first)
                    .add(candidate);
        }
        first.addAll(capped);
        return first;
    }

    private static RoutingRule decidingRule(RoutingRequest request, RoutingCandidate first, RoutingCandidate second) {
        int a = continuity(first);
        int b = continuity(second);
        if (a != b) {
            return a == 0 ? RoutingRule.FAVORITE : RoutingRule.RECENTLY_TALKED;
        }
        if (a == 0 && !Objects.equals(first.favoriteRank(), second.favoriteRank())) {
            return RoutingRule.FAVORITE;
        }
        if (a <= 1 && !Objects.equals(first.lastTalkedAt(), second.lastTalkedAt())) {
            return RoutingRule.RECENTLY_TALKED;
        }
        if (sharedInterests(request, first) != sharedInterests(request, second)) {
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

    private static List<String> reasons(RoutingRequest request, RoutingCandidate candidate) {
        List<String> reasons = new ArrayList<>();
        if (candidate.favoriteRank() != null) {
            reasons.add("favorite #" + (candidate.favoriteRank() + 1));
        }
        if (candidate.lastTalkedAt() != null) {
            reasons.add("talked " + candidate.lastTalkedAt());
        }
        reasons.add("interests shared " + sharedInterests(request, candidate));
        reasons.add("connected today " + candidate.connectedSecondsToday() + " s");
        Instant idle = candidate.idleSince();
        reasons.add("idle since " + idle);
        reasons.add("new members last hour " + candidate.newMembersLastHour()
                + (candidate.newMembersLastHour() >= NEW_MEMBERS_PER_HOUR ? " (at the cap)" : ""));
        return reasons;
    }
}
