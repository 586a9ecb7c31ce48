package app.hearth.adapters.companions.web;

import app.hearth.adapters.shared.web.ProblemResponses;
import app.hearth.adapters.shared.web.Problems;
import app.hearth.application.companions.CompanionRegistry;
import app.hearth.application.companions.Companions;
import app.hearth.application.companions.Teams;
import app.hearth.domain.access.Actor;
import app.hearth.domain.companions.CompanionProfile;
import app.hearth.domain.companions.CompanionSearch;
import app.hearth.domain.companions.Gender;
import app.hearth.domain.shared.TimeZones;
import app.hearth.domain.skills.SkillCategory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.time.Clock;
import java.time.Year;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Companions: invitations, their own profile, the public listing with seven filters, suspensions, team moves. */
@RestController
@Tag(name = "Companions", description = "Companion profiles, the listing members search, suspensions")
public class CompanionsController {

    public static final String COMPANIONS = "/api/v1/companions";
    public static final String COMPANION = COMPANIONS + "/{companionId}";
    public static final String OWN_PROFILE = "/api/v1/me/companion-profile";
    public static final String OWN_AVAILABILITY = "/api/v1/me/availability";

    /** Invite a user as a companion. */
    public record InviteRequest(@NotBlank String userId, @NotBlank String displayName) {
    }

    /** What a companion may set about themself; anything else in the body is ignored. */
    public record CompanionProfileRequest(String displayName, String bio, String photoUrl, List<String> languages,
                                 String gender, Integer birthYear, List<String> skills, Integer yearsOfExperience,
                                 String timeZone) {
    }

    /** Why staff suspend or reinstate a companion (kept in the staff audit trail). */
    public record ReasonRequest(@NotBlank String reason) {
    }

    /** Whether the companion is available (derived presence, adr/0053), and since when (null while not). */
    public record AvailabilityResponse(boolean available, java.time.Instant availableSince) {
    }

    /** The team to move a companion into. */
    public record TeamMoveRequest(@NotBlank String teamId) {
    }

    /** One page of companions. */
    public record CompanionsPage(List<CompanionResponse> items, String nextCursor) {
    }

    private final Companions companions;
    private final Teams teams;
    private final Clock clock;

    public CompanionsController(Companions companions, Teams teams, Clock clock) {
        this.companions = companions;
        this.teams = teams;
        this.clock = clock;
    }

    @PostMapping(COMPANIONS)
    @ApiResponse(responseCode = "201", description = "The invited companion")
    @ProblemResponses({409})
    @Operation(operationId = "inviteCompanion",
            summary = "Invite a user as a companion and grant them the companion role (admin, superadmin)")
    public ResponseEntity<CompanionResponse> invite(@Parameter(hidden = true) Actor actor,
                                                    @Valid @RequestBody InviteRequest request) {
        var invited = companions.invite(actor, request.userId(), request.displayName());
        return ResponseEntity.created(URI.create(COMPANIONS + "/" + invited.companionId()))
                .body(response(actor, invited));
    }

    @GetMapping(COMPANIONS)
    @Operation(operationId = "listCompanions",
            summary = "List active companions with the seven filters: language, gender, minAge/maxAge, skill, "
            + "availableNow, minRating, timeZone or region; cursor-paginated, ordered by id")
    public CompanionsPage list(@Parameter(hidden = true) Actor actor,
                               @RequestParam(required = false) String language,
                               @RequestParam(required = false) String gender,
                               @RequestParam(required = false) Integer minAge,
                               @RequestParam(required = false) Integer maxAge,
                               @RequestParam(required = false) String skill,
                               @RequestParam(required = false) Boolean availableNow,
                               @RequestParam(required = false) Double minRating,
                               @RequestParam(required = false) String timeZone,
                               @RequestParam(required = false) String region,
                               @RequestParam(required = false) String cursor,
                               @RequestParam(defaultValue = "50") int limit) {
        var search = new CompanionSearch(language, gender == null ? null : Gender.ofCode(gender, "gender"), minAge,
                maxAge, skill == null ? null : SkillCategory.require(skill, "skill"), availableNow, minRating,
                timeZone == null ? null : TimeZones.require(timeZone, "timeZone"), region);
        var page = companions.list(actor, search, cursor, limit);
        return new CompanionsPage(page.items().stream().map(found -> response(actor, found)).toList(),
                page.nextCursor());
    }

    @GetMapping(COMPANION)
    @Operation(operationId = "getCompanion",
            summary = "A companion's public profile; staff who may act on them also see status and team")
    public CompanionResponse companion(@Parameter(hidden = true) Actor actor, @PathVariable String companionId) {
        return response(actor, companions.find(actor, companionId));
    }

    @GetMapping(OWN_PROFILE)
    @ProblemResponses({404})
    @Operation(operationId = "getOwnCompanionProfile",
            summary = "The calling companion's own profile (companion)")
    public CompanionResponse ownProfile(@Parameter(hidden = true) Actor actor) {
        return response(actor, companions.find(actor, actor.userId()));
    }

    @PutMapping(OWN_PROFILE)
    @ProblemResponses({404})
    @Operation(operationId = "saveOwnCompanionProfile",
            summary = "The calling companion saves their profile: bio, https photo URL on a public host, "
            + "languages, gender, year of birth, skills, years of experience, time zone (companion)")
    public CompanionResponse saveOwnProfile(@Parameter(hidden = true) Actor actor,
                                            @RequestBody CompanionProfileRequest request) {
        return response(actor, companions.saveOwnProfile(actor, new Companions.ProfileInput(request.displayName(),
                request.bio(), request.photoUrl(), request.languages(), request.gender(), request.birthYear(),
                request.skills(), request.yearsOfExperience(), request.timeZone())));
    }

    @GetMapping(OWN_AVAILABILITY)
    @ProblemResponses({404})
    @Operation(operationId = "getOwnAvailability",
            summary = "Whether the calling companion is available, and since when (companion)")
    public AvailabilityResponse ownAvailability(@Parameter(hidden = true) Actor actor) {
        return availability(companions.find(actor, actor.userId()));
    }

    /** The stable code of the manual switch's answer: presence is derived now (adr/0053). */
    public static final String AVAILABILITY_IS_DERIVED = "AVAILABILITY_IS_DERIVED";

    @PutMapping(OWN_AVAILABILITY)
    @ProblemResponses({410})
    @Operation(operationId = "setOwnAvailability", deprecated = true,
            summary = "Retired: availability is derived from a started shift and a live app connection in the "
            + "foreground (GET /api/v1/me/presence); always answers 410 AVAILABILITY_IS_DERIVED (companion)")
    public ResponseEntity<ProblemDetail> setOwnAvailability(@Parameter(hidden = true) Actor actor) {
        return ResponseEntity.status(HttpStatus.GONE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.GONE, AVAILABILITY_IS_DERIVED, "availability is no longer set by hand: "
                        + "a companion is available while on a started shift, off a break, with the app connected "
                        + "in the foreground, not in a call and under their conversation capacity; see "
                        + "GET /api/v1/me/presence", null));
    }

    private static AvailabilityResponse availability(CompanionRegistry.Companion companion) {
        return new AvailabilityResponse(companion.available(), companion.availableSince());
    }

    @PostMapping(COMPANION + "/suspension")
    @ProblemResponses({409})
    @Operation(operationId = "suspendCompanion",
            summary = "Suspend a companion: not listed, not callable (supervisor of their team, admin, "
            + "superadmin)")
    public CompanionResponse suspend(@Parameter(hidden = true) Actor actor, @PathVariable String companionId,
                                     @Valid @RequestBody ReasonRequest request) {
        return response(actor, companions.suspend(actor, companionId, request.reason()));
    }

    @PostMapping(COMPANION + "/reinstatement")
    @ProblemResponses({409})
    @Operation(operationId = "reinstateCompanion",
            summary = "Reinstate a suspended companion (supervisor of their team, admin, superadmin)")
    public CompanionResponse reinstate(@Parameter(hidden = true) Actor actor, @PathVariable String companionId,
                                       @Valid @RequestBody ReasonRequest request) {
        return response(actor, companions.reinstate(actor, companionId, request.reason()));
    }

    @PutMapping(COMPANION + "/team")
    @Operation(operationId = "moveCompanionToTeam",
            summary = "Move a companion into a team; a companion is in one team at a time (admin, superadmin)")
    public CompanionResponse move(@Parameter(hidden = true) Actor actor, @PathVariable String companionId,
                                  @Valid @RequestBody TeamMoveRequest request) {
        return response(actor, teams.move(actor, companionId, request.teamId()));
    }

    private CompanionResponse response(Actor actor, CompanionRegistry.Companion companion) {
        return CompanionResponse.of(companion, companions.seesStaffFields(actor, companion.companionId()),
                Year.now(clock));
    }
}
