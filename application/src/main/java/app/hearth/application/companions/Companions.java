package app.hearth.application.companions;

import app.hearth.application.shared.Page;
import app.hearth.domain.access.Actor;
import app.hearth.domain.companions.CompanionSearch;
import java.util.List;
import org.jmolecules.architecture.hexagonal.PrimaryPort;

/** Companions: invited by admins, described by themselves, listed for members, suspended by staff. */
@PrimaryPort
public interface Companions {

    /** A companion's own profile as they send it; checked in full before anything is saved. */
    record ProfileInput(String displayName, String bio, String photoUrl, List<String> languages, String gender,
                        Integer birthYear, List<String> skills, Integer yearsOfExperience, String timeZone) {
    }

    /** Admins: invite {@code userId} as a companion (also grants them the companion role). Idempotent. */
    CompanionRegistry.Companion invite(Actor actor, String userId, String displayName);

    /** The calling companion saves their profile; an invited companion becomes active (listed). */
    CompanionRegistry.Companion saveOwnProfile(Actor actor, ProfileInput input);

    /** One companion as {@code viewer} may see it: active ones for everybody, any for staff and themself. */
    CompanionRegistry.Companion find(Actor viewer, String companionId);

    /** Active companions matching every filter, a page at a time. */
    Page<CompanionRegistry.Companion> list(Actor viewer, CompanionSearch search, String cursor, int limit);

    CompanionRegistry.Companion suspend(Actor actor, String companionId, String reason);

    CompanionRegistry.Companion reinstate(Actor actor, String companionId, String reason);

    /** Whether {@code viewer} is staff who may see a companion's status and team. */
    boolean seesStaffFields(Actor viewer, String companionId);
}
