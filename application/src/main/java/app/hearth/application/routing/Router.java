package app.hearth.application.routing;

import app.hearth.application.companions.FavoriteCompanions;
import app.hearth.application.members.MemberProfiles;
import app.hearth.domain.companions.Gender;
import app.hearth.domain.routing.RoutingCandidate;
import app.hearth.domain.routing.RoutingDecision;
import app.hearth.domain.routing.RoutingFilters;
import app.hearth.domain.routing.RoutingRanking;
import app.hearth.domain.routing.RoutingRequest;
import app.hearth.domain.shared.RuleViolation;
import app.hearth.domain.skills.SkillCategory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Routing's one way of deciding (ADR 0054): the member's languages and interests from their profile, every available
 * companion with their facts, the member's favorites, then the pure {@link RoutingRanking}. Offering a companion is
 * the caller's: it locks the companion's presence ({@link #lockAvailable}) in the transaction that offers, and
 * records the decision ({@link #record}) in the same one.
 */
public class Router {

    public static final String NO_COMPANION_AVAILABLE = "NO_COMPANION_AVAILABLE";
    public static final String PROFILE_REQUIRED = "PROFILE_REQUIRED";

    private final RoutingFacts facts;
    private final FavoriteCompanions favorites;
    private final MemberProfiles profiles;
    private final RoutingLog log;

    public Router(RoutingFacts facts, FavoriteCompanions favorites, MemberProfiles profiles, RoutingLog log) {
        this.facts = facts;
        this.favorites = favorites;
        this.profiles = profiles;
        this.log = log;
    }

    /** What {@code memberId} asks, from their profile; {@value #PROFILE_REQUIRED} without one. */
    public RoutingRequest request(String memberId, RoutingFilters filters, Set<String> excluded) {
        var profile = profiles.find(memberId).orElseThrow(() -> RuleViolation.conflict(PROFILE_REQUIRED,
                "routing needs your profile's languages: save your profile first"));
        Set<String> interests = profile.profile().interests().stream().map(Enum::name).collect(Collectors.toSet());
        return new RoutingRequest(memberId, profile.profile().languages(), interests, filters, excluded);
    }

    /** The ranking of every available companion for {@code request} at {@code now}. */
    public RoutingDecision decide(RoutingRequest request, Instant now) {
        return decide(request, now, null);
    }

    /**
     * The ranking of the companions available for {@code request} at {@code now} who have been free since
     * {@code freeBy} at the latest (every available one when null). The queue's dispatcher passes the start of its
     * pass: a companion who becomes available during a pass waits for the next one, where the head of the line is
     * tried first, rather than going to a later member of the line whose turn happened to come after they did.
     */
    public RoutingDecision decide(RoutingRequest request, Instant now, Instant freeBy) {
        List<RoutingCandidate> available = facts.available(request.memberId(), request.languages(), now);
        if (freeBy != null) {
            available = available.stream().filter(candidate -> !candidate.idleSince().isAfter(freeBy)).toList();
        }
        if (available.isEmpty()) {
            return RoutingRanking.rank(request, available);
        }
        Map<String, Integer> favoriteRank = new HashMap<>();
        List<String> ids = favorites.favoriteIds(request.memberId());
        for (int i = 0; i < ids.size(); i++) {
            favoriteRank.putIfAbsent(ids.get(i), i);
        }
        List<RoutingCandidate> ranked = new ArrayList<>(available.size());
        for (RoutingCandidate candidate : available) {
            Integer rank = favoriteRank.get(candidate.companionId());
            ranked.add(rank == null ? candidate : candidate.withFavoriteRank(rank));
        }
        return RoutingRanking.rank(request, ranked);
    }

    /** See {@link RoutingFacts#lockAvailable}. */
    public boolean lockAvailable(String companionId) {
        return facts.lockAvailable(companionId);
    }

    /** See {@link RoutingFacts#anyAvailable}. */
    public boolean anyAvailable() {
        return facts.anyAvailable();
    }

    /** Records one decision, in the caller's transaction. */
    public void record(String requestId, int attempt, String purpose, RoutingRequest request, String kind,
                       String callId, RoutingDecision decision, String chosen, Long waitedSeconds, Instant now) {
        var kept = decision.ranked().stream().limit(RoutingLog.CANDIDATES_KEPT).toList();
        log.record(new RoutingLog.Entry(0, requestId, attempt, purpose, request.memberId(), kind,
                encode(request.filters()), callId, chosen, decision.ruleFor(chosen), decision.ranked().size(), kept,
                waitedSeconds, now));
    }

    public List<RoutingLog.Entry> ofRequest(String requestId) {
        return log.ofRequest(requestId);
    }

    public java.util.Optional<RoutingLog.Entry> forCall(String callId) {
        return log.forCall(callId);
    }

    /** The filters as stored: {@code language=de;gender=FEMALE;skill=MUSIC}, the unset ones left out. */
    public static String encode(RoutingFilters filters) {
        List<String> parts = new ArrayList<>();
        if (filters.language() != null) {
            parts.add("language=" + filters.language());
        }
        if (filters.gender() != null) {
            parts.add("gender=" + filters.gender().name());
        }
        if (filters.skill() != null) {
            parts.add("skill=" + filters.skill().name());
        }
        return String.join(";", parts);
    }

    public static RoutingFilters decode(String stored) {
        String language = null;
        Gender gender = null;
        SkillCategory skill = null;
        for (String part : stored == null ? new String[0] : stored.split(";")) {
            int at = part.indexOf('=');
            if (at < 0) {
                continue;
            }
            String value = part.substring(at + 1);
            switch (part.substring(0, at)) {
                case "language" -> language = value;
                case "gender" -> gender = Gender.valueOf(value);
                case "skill" -> skill = SkillCategory.valueOf(value);
                default -> { }
            }
        }
        return new RoutingFilters(language, gender, skill);
    }
}
