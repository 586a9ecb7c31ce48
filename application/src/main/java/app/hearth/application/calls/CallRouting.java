package app.hearth.application.calls;

import app.hearth.domain.shared.RuleViolation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Routing for "anyone available" ({@link Calls#ANY_COMPANION}), until the best routing comes: of the companions
 * found, the available ones who are not the member and not in a call, the one with the fewest calls today first, then
 * by id. A policy without I/O: it is given what the ports found and decides, in the steps the lookups need.
 */
public final class CallRouting {

    public static final String NO_COMPANION_AVAILABLE = "NO_COMPANION_AVAILABLE";
    /** How many companions routing looks at. */
    public static final int CANDIDATES = 200;

    /** A companion the search found: their id, and whether they said they are available. */
    public record Candidate(String companionId, boolean available) {
    }

    private CallRouting() {
    }

    /** Who may be rung for {@code memberId}: the available candidates, never the member themselves. */
    public static List<String> eligible(String memberId, Collection<Candidate> found) {
        List<String> eligible = new ArrayList<>();
        for (Candidate candidate : found) {
            if (candidate.available() && !candidate.companionId().equals(memberId)) {
                eligible.add(candidate.companionId());
            }
        }
        return eligible;
    }

    /** The eligible companions not in a call; none is a conflict ({@value #NO_COMPANION_AVAILABLE}). */
    public static List<String> free(List<String> eligible, Set<String> busy) {
        List<String> free = new ArrayList<>(eligible);
        free.removeAll(busy);
        if (free.isEmpty()) {
            throw noneAvailable();
        }
        return free;
    }

    /** The order to ring them in: the fewest calls today first ({@code callsToday}: none when absent), then by id. */
    public static List<String> ringOrder(List<String> free, Map<String, Long> callsToday) {
        List<String> ordered = new ArrayList<>(free);
        ordered.sort(Comparator.<String>comparingLong(id -> callsToday.getOrDefault(id, 0L))
                .thenComparing(Comparator.naturalOrder()));
        return ordered;
    }

    static RuleViolation noneAvailable() {
        return RuleViolation.conflict(NO_COMPANION_AVAILABLE, "no companion is available right now");
    }
}
