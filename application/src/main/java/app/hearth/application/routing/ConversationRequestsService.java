package app.hearth.application.routing;

import app.hearth.application.shared.Transactions;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.routing.RoutingDecision;
import app.hearth.domain.routing.RoutingFilters;
import app.hearth.domain.routing.RoutingRequest;
import app.hearth.domain.shared.RuleViolation;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * See {@link ConversationRequests}: the first of the ranking whose presence is still {@code AVAILABLE} when locked,
 * recorded in the same transaction. Nothing is claimed beyond the answer: the member's first message opens the
 * conversation as any first message does.
 */
public class ConversationRequestsService implements ConversationRequests {

    public static final String ONLY_MEMBERS = "ONLY_MEMBERS_REQUEST";

    private final Router router;
    private final Transactions transactions;
    private final Clock clock;

    public ConversationRequestsService(Router router, Transactions transactions, Clock clock) {
        this.router = router;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Routed request(Actor member, RoutingFilters filters) {
        if (member.role() != Role.MEMBER) {
            throw RuleViolation.forbidden(ONLY_MEMBERS, "only members ask for someone to talk to");
        }
        Instant now = clock.instant();
        RoutingRequest request = router.request(member.userId(), filters, Set.of());
        RoutingDecision decision = router.decide(request, now);
        String requestId = UUID.randomUUID().toString();
        String chosen = transactions.inTransaction(() -> {
            String first = decision.order().stream().filter(router::lockAvailable).findFirst().orElse(null);
            router.record(requestId, 1, "CONVERSATION", request, null, null, decision, first, null, now);
            return first;
        });
        if (chosen == null) {
            throw RuleViolation.conflict(Router.NO_COMPANION_AVAILABLE, "no companion is available right now");
        }
        var rule = decision.ruleFor(chosen);
        return new Routed(chosen, rule.name(), rule.explanation());
    }
}
