package app.hearth.application.routing;

import app.hearth.application.shared.Cursors;
import app.hearth.application.shared.Page;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.CompanionScope;
import app.hearth.domain.access.Role;
import app.hearth.domain.shared.RuleViolation;
import java.util.Optional;

/** See {@link RoutingDecisions}. */
public class RoutingDecisionsService implements RoutingDecisions {

    public static final String STAFF_ONLY = "STAFF_ONLY";

    private final RoutingLog log;

    public RoutingDecisionsService(RoutingLog log) {
        this.log = log;
    }

    @Override
    public Page<RoutingLog.Entry> list(Actor viewer, String cursor, int limit) {
        if (viewer.role() == Role.MEMBER || viewer.role() == Role.COMPANION) {
            throw RuleViolation.forbidden(STAFF_ONLY, "routing decisions are for staff");
        }
        return log.page(CompanionScope.reachOf(viewer), cursor, Cursors.limit(limit));
    }

    @Override
    public Optional<Explanation> forCall(Actor viewer, String callId) {
        return log.forCall(callId)
                .filter(entry -> entry.memberId().equals(viewer.userId()))
                .map(entry -> new Explanation(entry.rule().name(), entry.rule().explanation()));
    }
}
