package app.hearth.application.members;

import app.hearth.application.access.AccessAdministration;
import app.hearth.application.access.StaffAuditTrail;
import app.hearth.domain.access.Actor;
import app.hearth.domain.members.MemberProfile;
import java.time.Instant;
import java.util.List;
import org.jmolecules.architecture.hexagonal.PrimaryPort;

/**
 * What a signed-in user does with their own data. Every operation acts on the actor themself: there is no way
 * to name another user, so nobody reads or changes anyone else's profile or identities.
 */
@PrimaryPort
public interface Members {

    String PROFILE_NOT_FOUND = "PROFILE_NOT_FOUND";
    String IDENTITY_TAKEN = "IDENTITY_TAKEN";
    String IDENTITY_LIMIT_REACHED = "IDENTITY_LIMIT_REACHED";

    /**
     * A profile as the member sent it; the fields are checked by {@link MemberProfile#create}. {@code sendReadReceipts}
     * and
     * {@code pushPreview} null keep the stored settings (true for a new profile).
     */
    record ProfileDraft(String displayName, Integer birthYear, List<String> languages, String timeZone,
                        List<String> interests, String contactEmail, Boolean sendReadReceipts, Boolean pushPreview) {

        public ProfileDraft(String displayName, Integer birthYear, List<String> languages, String timeZone,
                            List<String> interests, String contactEmail) {
            this(displayName, birthYear, languages, timeZone, interests, contactEmail, null, null);
        }

        public ProfileDraft(String displayName, Integer birthYear, List<String> languages, String timeZone,
                            List<String> interests, String contactEmail, Boolean sendReadReceipts) {
            this(displayName, birthYear, languages, timeZone, interests, contactEmail, sendReadReceipts, null);
        }
    }

    /** A stored profile and when it was first created and last replaced. */
    record Profile(String userId, MemberProfile profile, Instant createdAt, Instant updatedAt) {
    }

    /** The profile after a save; {@code created} when there was none before. */
    record SavedProfile(Profile profile, boolean created) {
    }

    /** The identity after an attach; {@code alreadyAttached} when the member held it before (nothing changed). */
    record Attachment(MemberIdentities.Attached identity, boolean alreadyAttached) {
    }

    /**
     * Everything Hearth holds about the caller: their role, profile (null when none), identities, the staff
     * actions of which they are the subject, and when an account of theirs was closed (null when never).
     */
    record Export(String userId, Instant exportedAt, AccessAdministration.UserRole role, Profile profile,
                  List<MemberIdentities.Attached> identities, List<StaffAuditTrail.Recorded> staffActions,
                  Instant accountClosedAt) {
    }

    /** The caller's profile; PROFILE_NOT_FOUND when they have not created one. */
    Profile profile(Actor actor);

    /** Creates or replaces the caller's profile. */
    SavedProfile saveProfile(Actor actor, ProfileDraft draft);

    Export export(Actor actor);

    /**
     * Closes the caller's account: erases their profile and identities and records the closure under a
     * pseudonym. Repeating it changes nothing. A user holding a staff role is refused.
     */
    void close(Actor actor);

    /**
     * Attaches an identity to the caller; IDENTITY_TAKEN when another member holds it. Once the attachment is
     * committed, {@link MemberListener} hears of it (not when the caller already held it).
     */
    Attachment attachIdentity(Actor actor, String kind, String value);

    List<MemberIdentities.Attached> identities(Actor actor);
}
