package app.hearth.application.ratings;

import app.hearth.application.access.StaffAuditTrail;
import app.hearth.application.shared.Cursors;
import app.hearth.application.shared.Page;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.CompanionScope;
import app.hearth.domain.access.Role;
import app.hearth.domain.access.StaffAction;
import app.hearth.domain.access.StaffActionKind;
import app.hearth.domain.ratings.ModerationCase;
import app.hearth.domain.shared.RuleViolation;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Staff read the moderation cases within their reach, newest first; each read is recorded before it is answered. */
public class ModerationCasesService implements ModerationCases {

    public static final String SUBJECT = "moderation-cases";
    private static final String CURSOR = "mc";

    private final ModerationCaseStore store;
    private final StaffAuditTrail trail;
    private final Transactions transactions;
    private final Clock clock;

    public ModerationCasesService(ModerationCaseStore store, StaffAuditTrail trail, Transactions transactions,
                                  Clock clock) {
        this.store = store;
        this.trail = trail;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Page<CaseView> list(Actor staff, String cursor, int limit) {
        if (staff.role() == Role.MEMBER || staff.role() == Role.COMPANION) {
            throw RuleViolation.forbidden("STAFF_ONLY", "moderation cases are for staff");
        }
        int size = Cursors.limit(limit);
        Long before = Cursors.decodeLong(CURSOR, cursor);
        transactions.run(() -> trail.record(new StaffAction(UUID.randomUUID().toString(), staff.recorded(),
                StaffActionKind.MODERATION_CASES_READ, SUBJECT, null,
                cursor == null || cursor.isBlank() ? "first page" : "page after " + before, null, clock.instant())));
        List<ModerationCaseStore.Listed> rows = store.list(CompanionScope.reachOf(staff), before, size + 1);
        List<ModerationCaseStore.Listed> page = rows.size() > size ? rows.subList(0, size) : rows;
        String next = rows.size() > size ? Cursors.encode(CURSOR, Long.toString(page.getLast().position())) : null;
        return new Page<>(page.stream().map(row -> view(row.moderationCase())).toList(), next);
    }

    private static CaseView view(ModerationCase c) {
        return new CaseView(c.caseId(), c.companionId(), c.teamId(), c.source().name(), c.reference(), c.reason(),
                c.openedAt(), c.status().name());
    }
}
