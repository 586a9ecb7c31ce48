package app.hearth.adapters.earnings.web;

import app.hearth.application.earnings.EarningsAudit;
import app.hearth.domain.access.Actor;
import app.hearth.domain.earnings.EarningsPermissions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The auditor's check of one account: rebuilt from events, hash chain verified, compared with the read model. */
@RestController
@Tag(name = "Audit", description = "Replays of the ledgers from the event store")
public class EarningsAuditController {

    private final EarningsAudit audit;

    public EarningsAuditController(EarningsAudit audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/audit/earnings/{companionId}")
    @Operation(operationId = "auditEarnings",
            summary = "Replay one earnings account and list every mismatch (admin, superadmin)")
    public EarningsAudit.AccountReport audit(@Parameter(hidden = true) Actor actor, @PathVariable String companionId) {
        EarningsPermissions.requireAdminister(actor);
        return audit.audit(companionId);
    }
}
