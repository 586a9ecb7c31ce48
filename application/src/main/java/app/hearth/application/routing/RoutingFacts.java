package app.hearth.application.routing;

import app.hearth.domain.routing.RoutingCandidate;
import java.time.Instant;
import java.util.List;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/**
 * What routing ranks on, read where it is kept: the companions whose derived presence is {@code AVAILABLE}, and their
 * facts for one member.
 */
@SecondaryPort
public interface RoutingFacts extends app.hearth.application.calls.CompanionPresenceLock {

    /**
     * Every active companion whose presence is {@code AVAILABLE} and who speaks one of {@code languages} (never a
     * page of them), with their facts for {@code memberId} at {@code now}: the member's latest call or conversation
     * with them in the last 30 days, their connected time today (UTC), since when they are idle, how many members
     * routing offered them in the last hour. {@code favoriteRank} is left null (the favorites are another port's).
     */
    List<RoutingCandidate> available(String memberId, List<String> languages, Instant now);

    /**
     * Locks {@code companionId}'s presence until the caller's transaction ends, and answers whether it is
     * {@code AVAILABLE}: of two transactions offering the same companion, the second sees what the first did.
     */
    @Override
    boolean lockAvailable(String companionId);

    /** Whether any companion is available now (one indexed look: the dispatcher's pass while nobody is). */
    boolean anyAvailable();
}
