package app.hearth.adapters.shifts.web;

import app.hearth.adapters.shared.web.ProblemResponses;
import app.hearth.application.shifts.ShiftClocking;
import app.hearth.application.shifts.ShiftPlanning;
import app.hearth.application.shifts.ShiftViews.ShiftView;
import app.hearth.domain.access.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shifts (ADR 0052): staff plan and cancel them, everyone in scope reads them by planned day (the companion's local
 * day, from-to inclusive, at most 93 days; default from 7 days ago to 30 days on), and the companion clocks them.
 */
@RestController
@Tag(name = "Shifts", description = "Companions' planned shifts, clocking, breaks")
public class ShiftsController {

    public static final String MY_SHIFTS = "/api/v1/me/shifts";
    public static final String MY_SHIFT = MY_SHIFTS + "/{shiftId}";
    public static final String COMPANION_SHIFTS = "/api/v1/companions/{companionId}/shifts";
    public static final String TEAM_SHIFTS = "/api/v1/teams/{teamId}/shifts";
    public static final String SHIFT_CANCELLATION = "/api/v1/shifts/{shiftId}/cancellation";

    /** A shift's planned start and end, wall-clock times in the companion's zone (the end may be on the next day). */
    public record PlanShiftRequest(LocalDateTime start, LocalDateTime end) {
    }

    /** Why (1-500 characters). */
    public record ReasonRequest(String reason) {
    }

    private final ShiftPlanning planning;
    private final ShiftClocking clocking;

    public ShiftsController(ShiftPlanning planning, ShiftClocking clocking) {
        this.planning = planning;
        this.clocking = clocking;
    }

    @PostMapping(COMPANION_SHIFTS)
    @ApiResponse(responseCode = "201", description = "The planned shift")
    @ProblemResponses({404, 409, 422})
    @Operation(operationId = "planShift",
            summary = "Plan a shift for a companion (their team's supervisor, admins): start and end as local "
            + "date-times in the companion's time zone; 409 SHIFT_OVERLAPS, 400 SHIFT_ENDS_BEFORE_START / "
            + "SHIFT_TOO_LONG (16 h), 422 SHIFT_IN_THE_PAST / COMPANION_HAS_NO_TIME_ZONE")
    public ResponseEntity<ShiftView> plan(@Parameter(hidden = true) Actor actor, @PathVariable String companionId,
                                          @RequestBody PlanShiftRequest request) {
        ShiftView shift = planning.plan(actor, companionId, request.start(), request.end());
        return ResponseEntity.created(URI.create(COMPANION_SHIFTS.replace("{companionId}", companionId) + "?from="
                + shift.day() + "&to=" + shift.day())).body(shift);
    }

    @GetMapping(COMPANION_SHIFTS)
    @Operation(operationId = "listCompanionShifts",
            summary = "A companion's shifts by planned day (their team's supervisor, admins)")
    public List<ShiftView> ofCompanion(@Parameter(hidden = true) Actor actor, @PathVariable String companionId,
                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                       LocalDate from,
                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                       LocalDate to) {
        return planning.ofCompanion(actor, companionId, from, to);
    }

    @GetMapping(TEAM_SHIFTS)
    @ProblemResponses({404})
    @Operation(operationId = "listTeamShifts",
            summary = "A team's shifts by planned day (its supervisor, admins; another team: 404 TEAM_NOT_FOUND)")
    public List<ShiftView> ofTeam(@Parameter(hidden = true) Actor actor, @PathVariable String teamId,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                  LocalDate from,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                  LocalDate to) {
        return planning.ofTeam(actor, teamId, from, to);
    }

    @GetMapping(MY_SHIFTS)
    @Operation(operationId = "listMyShifts", summary = "The caller's shifts by planned day (companion)")
    public List<ShiftView> mine(@Parameter(hidden = true) Actor actor,
                                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                LocalDate from,
                                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                LocalDate to) {
        return planning.mine(actor, from, to);
    }

    @PostMapping(SHIFT_CANCELLATION)
    @ProblemResponses({404, 409})
    @Operation(operationId = "cancelShift",
            summary = "Cancel a planned shift, with a reason (the companion's team's supervisor, admins)")
    public ShiftView cancel(@Parameter(hidden = true) Actor actor, @PathVariable String shiftId,
                            @RequestBody ReasonRequest request) {
        return planning.cancel(actor, shiftId, request.reason());
    }

    @PostMapping(MY_SHIFT + "/start")
    @ProblemResponses({404, 409, 422})
    @Operation(operationId = "startShift",
            summary = "Clock in (companion): from 15 minutes before the planned start (422 TOO_EARLY_TO_START) until "
            + "30 minutes after it (422 TOO_LATE_TO_START: the shift is missed); one started shift at a time")
    public ShiftView start(@Parameter(hidden = true) Actor actor, @PathVariable String shiftId) {
        return clocking.start(actor, shiftId);
    }

    @PostMapping(MY_SHIFT + "/break-start")
    @ProblemResponses({404, 409})
    @Operation(operationId = "startShiftBreak", summary = "Go on a break in your started shift (companion)")
    public ShiftView startBreak(@Parameter(hidden = true) Actor actor, @PathVariable String shiftId) {
        return clocking.startBreak(actor, shiftId);
    }

    @PostMapping(MY_SHIFT + "/break-end")
    @ProblemResponses({404, 409})
    @Operation(operationId = "endShiftBreak", summary = "Come back from your break (companion)")
    public ShiftView endBreak(@Parameter(hidden = true) Actor actor, @PathVariable String shiftId) {
        return clocking.endBreak(actor, shiftId);
    }

    @PostMapping(MY_SHIFT + "/stop")
    @ProblemResponses({404, 409})
    @Operation(operationId = "stopShift", summary = "Clock out of your started shift; an open break ends too (companion)")
    public ShiftView stop(@Parameter(hidden = true) Actor actor, @PathVariable String shiftId) {
        return clocking.stop(actor, shiftId);
    }
}
