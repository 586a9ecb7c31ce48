package app.hearth.application.members;

import app.hearth.domain.members.MemberProfile;
import java.time.Instant;
import java.util.Optional;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** Members' profiles, one per user, replaced in place and erased on closing. */
@SecondaryPort
public interface MemberProfiles {

    Optional<Members.Profile> find(String userId);

    /** The time zone a member's profile names, and when the profile last changed; none without a profile. */
    record TimeZoneSetting(String timeZone, Instant changedAt) {
    }

    /** Only the time zone of the profile, without the rest (every metered use asks for it). */
    default Optional<TimeZoneSetting> timeZone(String userId) {
        return find(userId).map(profile -> new TimeZoneSetting(profile.profile().timeZone(), profile.updatedAt()));
    }

    /** Creates or replaces the profile in the caller's transaction; true when it was created. */
    boolean save(String userId, MemberProfile profile, Instant at);

    /** Erases the profile; true when there was one. */
    boolean delete(String userId);
}
