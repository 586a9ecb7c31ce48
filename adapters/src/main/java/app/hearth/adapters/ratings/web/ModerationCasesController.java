package app.hearth.adapters.ratings.web;

import app.hearth.application.ratings.ModerationCases;
import app.hearth.application.shared.Page;
import app.hearth.domain.access.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The moderation cases, read-only for now (ADR 0055): for staff, each read in the staff audit trail. */
@RestController
@Tag(name = "Ratings", description = "Members' ratings of companions, the companion's rating, moderation cases")
public class ModerationCasesController {

    public static final String CASES = "/api/v1/moderation/cases";

    private final ModerationCases cases;

    public ModerationCasesController(ModerationCases cases) {
        this.cases = cases;
    }

    @GetMapping(CASES)
    @Operation(operationId = "listModerationCases",
            summary = "Moderation cases, newest first (cursor, limit 1-200, default 50): a supervisor's are those of "
            + "the companions of the teams they lead now, admins' and superadmins' all; every read is in the staff "
            + "audit trail. Members and companions: 403")
    public Page<ModerationCases.CaseView> list(@Parameter(hidden = true) Actor actor,
                                               @RequestParam(required = false) String cursor,
                                               @RequestParam(defaultValue = "50") int limit) {
        return cases.list(actor, cursor, limit);
    }
}
