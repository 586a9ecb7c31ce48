package app.hearth.adapters.companions.web;

import app.hearth.adapters.shared.web.ProblemResponses;
import app.hearth.application.companions.TeamRegistry;
import app.hearth.application.companions.Teams;
import app.hearth.domain.access.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Teams of companions and their supervisors. */
@RestController
@Tag(name = "Teams", description = "Teams, their supervisors and companions")
public class TeamsController {

    public static final String TEAMS = "/api/v1/teams";
    public static final String TEAM = TEAMS + "/{teamId}";

    /** A new team's name. */
    public record CreateTeamRequest(@NotBlank String name) {
    }

    /** The user (holding the supervisor role) who leads the team. */
    public record SupervisorRequest(@NotBlank String supervisorId) {
    }

    /** A team; {@code companionIds} only when one team is read. */
    public record TeamResponse(String teamId, String name, String supervisorId, String createdBy, Instant createdAt,
                               List<String> companionIds) {
        static TeamResponse of(TeamRegistry.Team team, List<String> companionIds) {
            return new TeamResponse(team.teamId(), team.name(), team.supervisorId(), team.createdBy(),
                    team.createdAt(), companionIds);
        }
    }

    private final Teams teams;

    public TeamsController(Teams teams) {
        this.teams = teams;
    }

    @PostMapping(TEAMS)
    @ApiResponse(responseCode = "201", description = "The new team")
    @ProblemResponses({409})
    @Operation(operationId = "createTeam",
            summary = "Create a team (admin, superadmin)")
    public ResponseEntity<TeamResponse> create(@Parameter(hidden = true) Actor actor,
                                               @Valid @RequestBody CreateTeamRequest request) {
        var team = teams.create(actor, request.name());
        return ResponseEntity.created(URI.create(TEAMS + "/" + team.teamId())).body(TeamResponse.of(team, List.of()));
    }

    @GetMapping(TEAMS)
    @Operation(operationId = "listTeams",
            summary = "Teams: all for admins, the ones they lead for supervisors")
    public List<TeamResponse> list(@Parameter(hidden = true) Actor actor) {
        return teams.list(actor).stream().map(team -> TeamResponse.of(team, null)).toList();
    }

    @GetMapping(TEAM)
    @Operation(operationId = "getTeam",
            summary = "A team and its companions (admins; a supervisor for their own team)")
    public TeamResponse team(@Parameter(hidden = true) Actor actor, @PathVariable String teamId) {
        var view = teams.team(actor, teamId);
        return TeamResponse.of(view.team(), view.companionIds());
    }

    @PutMapping(TEAM + "/supervisor")
    @ProblemResponses({422})
    @Operation(operationId = "nameTeamSupervisor",
            summary = "Name the supervisor of a team; they must hold the supervisor role (admin, superadmin)")
    public TeamResponse nameSupervisor(@Parameter(hidden = true) Actor actor, @PathVariable String teamId,
                                       @Valid @RequestBody SupervisorRequest request) {
        return TeamResponse.of(teams.nameSupervisor(actor, teamId, request.supervisorId()), null);
    }
}
