package app.hearth.adapters.shifts.web;

import app.hearth.adapters.shared.web.ProblemResponses;
import app.hearth.application.shifts.ShiftAdherence;
import app.hearth.application.shifts.ShiftViews.AdherenceReport;
import app.hearth.application.shifts.ShiftViews.ProposalView;
import app.hearth.domain.access.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Adherence to shifts, and the penalties it proposes, which only the team's supervisor confirms or dismisses. */
@RestController
@Tag(name = "Adherence", description = "Shift adherence and penalty proposals")
public class AdherenceController {

    public static final String ADHERENCE = "/api/v1/admin/adherence";
    public static final String PROPOSAL = "/api/v1/admin/shift-penalty-proposals/{proposalId}";

    /** Why (1-500 characters). */
    public record DismissRequest(String reason) {
    }

    private final ShiftAdherence adherence;

    public AdherenceController(ShiftAdherence adherence) {
        this.adherence = adherence;
    }

    @GetMapping(ADHERENCE)
    @ProblemResponses({404})
    @Operation(operationId = "getAdherence",
            summary = "Adherence per shift and per companion over planned days from-to (inclusive, at most 93), "
            + "by companion and/or team: minutes late, left early, break overrun, away, missed, and the penalty "
            + "proposals (supervisors: their teams only; admins: everyone)")
    public AdherenceReport report(@Parameter(hidden = true) Actor actor,
                                  @RequestParam(required = false) String companionId,
                                  @RequestParam(required = false) String teamId,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                  LocalDate from,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                  LocalDate to) {
        return adherence.report(actor, new ShiftAdherence.Filter(companionId, teamId, from, to));
    }

    @PostMapping(PROPOSAL + "/confirmation")
    @ProblemResponses({404, 409})
    @Operation(operationId = "confirmShiftPenaltyProposal",
            summary = "Turn a proposal into a penalty on the companion's earnings (the supervisor of their team only)")
    public ProposalView confirm(@Parameter(hidden = true) Actor actor, @PathVariable String proposalId) {
        return adherence.confirm(actor, proposalId);
    }

    @PostMapping(PROPOSAL + "/dismissal")
    @ProblemResponses({404, 409})
    @Operation(operationId = "dismissShiftPenaltyProposal",
            summary = "Dismiss a proposal with a reason (the supervisor of the companion's team only)")
    public ProposalView dismiss(@Parameter(hidden = true) Actor actor, @PathVariable String proposalId,
                                @RequestBody DismissRequest body) {
        return adherence.dismiss(actor, proposalId, body.reason());
    }
}
