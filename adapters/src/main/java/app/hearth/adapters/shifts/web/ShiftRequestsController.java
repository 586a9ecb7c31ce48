package app.hearth.adapters.shifts.web;

import app.hearth.adapters.shared.web.ProblemResponses;
import app.hearth.application.shifts.ShiftRequests;
import app.hearth.application.shifts.ShiftViews.RequestView;
import app.hearth.domain.access.Actor;
import app.hearth.domain.shifts.ShiftRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A companion's shift requests (a new shift, a day off, a change), decided by their team's supervisor or an admin. */
@RestController
@Tag(name = "Shift requests", description = "Requests for a shift, a day off or a shift change, and decisions")
public class ShiftRequestsController {

    public static final String MY_REQUESTS = "/api/v1/me/shift-requests";
    public static final String TEAM_REQUESTS = "/api/v1/teams/{teamId}/shift-requests";
    public static final String REQUEST = "/api/v1/shift-requests/{requestId}";

    /**
     * What a companion asks: {@code NEW_SHIFT} (start, end), {@code DAY_OFF} (day) or {@code SHIFT_CHANGE} (shiftId
     * moved to start-end); times are local in the companion's zone; an optional note.
     */
    public record ShiftRequestBody(ShiftRequest.Kind kind, LocalDateTime start, LocalDateTime end, LocalDate day,
                                   String shiftId, String note) {
    }

    /** Why (1-500 characters). */
    public record DeclineRequest(String reason) {
    }

    private final ShiftRequests requests;

    public ShiftRequestsController(ShiftRequests requests) {
        this.requests = requests;
    }

    @PostMapping(MY_REQUESTS)
    @ApiResponse(responseCode = "201", description = "The pending request")
    @ProblemResponses({404, 409, 422})
    @Operation(operationId = "requestShiftChange",
            summary = "Ask for a new shift, a day off or a change of a planned shift (companion)")
    public ResponseEntity<RequestView> request(@Parameter(hidden = true) Actor actor,
                                               @RequestBody ShiftRequestBody body) {
        RequestView request = requests.request(actor, new ShiftRequests.Ask(body.kind(), body.start(), body.end(),
                body.day(), body.shiftId(), body.note()));
        return ResponseEntity.created(URI.create(MY_REQUESTS)).body(request);
    }

    @GetMapping(MY_REQUESTS)
    @Operation(operationId = "listMyShiftRequests", summary = "The caller's requests, newest first (companion)")
    public List<RequestView> mine(@Parameter(hidden = true) Actor actor,
                                  @RequestParam(required = false) ShiftRequest.Status status) {
        return requests.mine(actor, status);
    }

    @GetMapping(TEAM_REQUESTS)
    @ProblemResponses({404})
    @Operation(operationId = "listTeamShiftRequests",
            summary = "A team's requests, newest first, optionally by status (its supervisor, admins)")
    public List<RequestView> ofTeam(@Parameter(hidden = true) Actor actor, @PathVariable String teamId,
                                    @RequestParam(required = false) ShiftRequest.Status status) {
        return requests.ofTeam(actor, teamId, status);
    }

    @PostMapping(REQUEST + "/approval")
    @ProblemResponses({404, 409, 422})
    @Operation(operationId = "approveShiftRequest",
            summary = "Approve a pending request (the companion's team's supervisor, admins): a new shift is "
            + "planned, a day off cancels that local day's planned shifts, a change moves the planned shift")
    public RequestView approve(@Parameter(hidden = true) Actor actor, @PathVariable String requestId) {
        return requests.approve(actor, requestId);
    }

    @PostMapping(REQUEST + "/decline")
    @ProblemResponses({404, 409})
    @Operation(operationId = "declineShiftRequest",
            summary = "Decline a pending request with a reason (the companion's team's supervisor, admins)")
    public RequestView decline(@Parameter(hidden = true) Actor actor, @PathVariable String requestId,
                               @RequestBody DeclineRequest body) {
        return requests.decline(actor, requestId, body.reason());
    }
}
