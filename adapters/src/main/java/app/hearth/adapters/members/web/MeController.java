package app.hearth.adapters.members.web;

import app.hearth.adapters.shared.web.ProblemResponses;
import app.hearth.application.access.StaffAuditTrail;
import app.hearth.application.members.MemberIdentities;
import app.hearth.application.members.Members;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.RoleAssignmentRules;
import app.hearth.domain.skills.SkillCategory;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own data. Every route is about the signed-in user and takes no user id, so nobody can name
 * another member; the request bodies carry only the fields a member may set (anything else is ignored).
 */
@RestController
@Tag(name = "Me", description = "The signed-in user's own profile, identities, data export and account")
public class MeController {

    public static final String ME = "/api/v1/me";
    public static final String PROFILE = ME + "/profile";
    public static final String EXPORT = ME + "/export";
    public static final String IDENTITIES = ME + "/identities";

    /**
     * The fields a member sets on their profile; unknown fields (userId, role, …) are ignored. {@code sendReadReceipts}
     * (chat): whether the other side of a conversation sees how far you read; left out, it stays as it was (true for a
     * new profile). {@code pushPreview}: whether a chat push shows the message's text (shortened) or only "New
     * message", the same setting as {@code /api/v1/me/notification-settings}; left out, it stays as it was.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ProfileRequest(String displayName, Integer birthYear, List<String> languages, String timeZone,
                                 List<String> interests, String contactEmail, Boolean sendReadReceipts,
                                 Boolean pushPreview) {
    }

    /** A profile; interests as catalog codes in lower case. */
    public record ProfileResponse(String displayName, int birthYear, List<String> languages, String timeZone,
                                  List<String> interests, String contactEmail, boolean sendReadReceipts,
                                  boolean pushPreview, Instant createdAt, Instant updatedAt) {
        static ProfileResponse of(Members.Profile stored) {
            if (stored == null) {
                return null;
            }
            var profile = stored.profile();
            return new ProfileResponse(profile.displayName(), profile.birthYear(), profile.languages(),
                    profile.timeZone(), profile.interests().stream().map(MeController::code).toList(),
                    profile.contactEmail(), profile.sendReadReceipts(), profile.pushPreview(), stored.createdAt(),
                    stored.updatedAt());
        }
    }

    /** An identity to attach. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record IdentityRequest(String kind, String value) {
    }

    /** An attached identity. */
    public record IdentityResponse(String kind, String value, Instant attachedAt) {
        static IdentityResponse of(MemberIdentities.Attached attached) {
            return new IdentityResponse(attached.identity().kind().code(), attached.identity().value(),
                    attached.attachedAt());
        }
    }

    /** The caller's identities, oldest first. */
    public record IdentitiesResponse(List<IdentityResponse> items) {
    }

    /** The caller's role as Hearth records it; grantedBy and grantedAt are empty for members. */
    public record RoleRecord(String role, String grantedBy, Instant grantedAt) {
    }

    /** A staff action of which the caller is the subject. */
    public record StaffActionRecord(String actionId, String actor, String kind, String before, String after,
                                    String reason, Instant at) {
        static StaffActionRecord of(StaffAuditTrail.Recorded recorded) {
            var action = recorded.action();
            return new StaffActionRecord(action.actionId(), action.actor(), action.kind().name(), action.before(),
                    action.after(), action.reason(), action.at());
        }
    }

    /** Everything Hearth holds about the caller. */
    public record ExportResponse(Instant exportedAt, String userId, RoleRecord role, ProfileResponse profile,
                                 List<IdentityResponse> identities, List<StaffActionRecord> staffActions,
                                 Instant accountClosedAt) {
    }

    private final Members members;

    public MeController(Members members) {
        this.members = members;
    }

    @GetMapping(PROFILE)
    @ProblemResponses({404})
    @Operation(operationId = "getProfile",
            summary = "Read your profile (404 PROFILE_NOT_FOUND before you create it)")
    public ProfileResponse profile(@Parameter(hidden = true) Actor actor) {
        return ProfileResponse.of(members.profile(actor));
    }

    @PutMapping(PROFILE)
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "200", description = "Replaced")
    @Operation(operationId = "saveProfile",
            summary = "Create (201) or replace (200) your profile: display name, birth year (adults only), "
            + "ISO 639-1 languages, IANA time zone, interests from the skill catalog, contact email")
    public ResponseEntity<ProfileResponse> saveProfile(@Parameter(hidden = true) Actor actor,
                                                       @RequestBody ProfileRequest request) {
        var saved = members.saveProfile(actor, new Members.ProfileDraft(request.displayName(), request.birthYear(),
                request.languages(), request.timeZone(), request.interests(), request.contactEmail(),
                request.sendReadReceipts(), request.pushPreview()));
        return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(ProfileResponse.of(saved.profile()));
    }

    @GetMapping(IDENTITIES)
    @Operation(operationId = "listIdentities",
            summary = "List the identities attached to you")
    public IdentitiesResponse identities(@Parameter(hidden = true) Actor actor) {
        return new IdentitiesResponse(members.identities(actor).stream().map(IdentityResponse::of).toList());
    }

    @PostMapping(IDENTITIES)
    @ApiResponse(responseCode = "201", description = "Attached")
    @ApiResponse(responseCode = "200", description = "Already yours")
    @ProblemResponses({409})
    @Operation(operationId = "attachIdentity",
            summary = "Attach an identity (adapty_profile_id, app_install_id, stripe_customer_id) to you: 201, "
            + "or 200 when it is already yours; 409 IDENTITY_TAKEN when another member holds it")
    public ResponseEntity<IdentityResponse> attach(@Parameter(hidden = true) Actor actor,
                                                   @RequestBody IdentityRequest request) {
        var attachment = members.attachIdentity(actor, request.kind(), request.value());
        return ResponseEntity.status(attachment.alreadyAttached() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(IdentityResponse.of(attachment.identity()));
    }

    @GetMapping(EXPORT)
    @Operation(operationId = "exportMyData",
            summary = "Export everything Hearth holds about you: role, profile, identities, staff actions "
            + "about you")
    public ExportResponse export(@Parameter(hidden = true) Actor actor) {
        var export = members.export(actor);
        var role = export.role();
        return new ExportResponse(export.exportedAt(), export.userId(),
                new RoleRecord(RoleAssignmentRules.name(role.role()), role.grantedBy(), role.grantedAt()),
                ProfileResponse.of(export.profile()),
                export.identities().stream().map(IdentityResponse::of).toList(),
                export.staffActions().stream().map(StaffActionRecord::of).toList(),
                export.accountClosedAt());
    }

    @DeleteMapping(ME)
    @ApiResponse(responseCode = "204", description = "Closed (also when it already was)", content = @Content)
    @ProblemResponses({409})
    @Operation(operationId = "closeAccount",
            summary = "Close your account: your profile and identities are erased (204; again: 204). "
            + "409 STAFF_ACCOUNT_CLOSE_FORBIDDEN while you hold a staff role")
    public ResponseEntity<Void> close(@Parameter(hidden = true) Actor actor) {
        members.close(actor);
        return ResponseEntity.noContent().build();
    }

    private static String code(SkillCategory category) {
        return category.name().toLowerCase(Locale.ROOT);
    }
}
