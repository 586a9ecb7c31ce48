package app.hearth.application.shifts;

import app.hearth.application.access.StaffAuditTrail;
import app.hearth.application.earnings.ActivityCredits;
import app.hearth.application.earnings.EarningsLedger;
import app.hearth.application.earnings.EntryReceipt;
import app.hearth.application.shared.Transactions;
import app.hearth.application.shifts.ShiftViews.AdherenceReport;
import app.hearth.application.shifts.ShiftViews.CompanionAdherence;
import app.hearth.application.shifts.ShiftViews.ProposalView;
import app.hearth.application.shifts.ShiftViews.ShiftAdherenceView;
import app.hearth.application.shifts.ShiftViews.ShiftView;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.StaffAction;
import app.hearth.domain.access.StaffActionKind;
import app.hearth.domain.shared.RuleViolation;
import app.hearth.domain.shifts.Adherence;
import app.hearth.domain.shifts.AdherenceRules;
import app.hearth.domain.shifts.PenaltyProposal;
import app.hearth.domain.shifts.PresenceChange;
import app.hearth.domain.shifts.Shift;
import app.hearth.domain.shifts.ShiftRules;
import app.hearth.domain.shifts.ShiftStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Adherence: per shift (started, ended or missed) and per companion over a range of planned days, for staff in their
 * reach; away time is read from presence's record of changes. Penalty proposals (late, missed) are turned into
 * penalties only by the supervisor of the companion's team, through the Earning Coins ledger's penalty path
 * (idempotent on the proposal), or dismissed with a reason; both are in the staff audit trail.
 */
public class ShiftAdherence {

    /** Filters; any may be null. */
    public record Filter(String companionId, String teamId, LocalDate from, LocalDate to) {
    }

    private static final Set<ShiftStatus> MEASURED = Set.of(ShiftStatus.STARTED, ShiftStatus.ENDED,
            ShiftStatus.MISSED);

    private final ShiftStore store;
    private final ShiftAccess access;
    private final PresenceHistory presence;
    private final AdherenceRules rules;
    private final EarningsLedger earnings;
    private final ActivityCredits accounts;
    private final StaffAuditTrail trail;
    private final Transactions transactions;
    private final Clock clock;

    public ShiftAdherence(ShiftStore store, ShiftAccess access, PresenceHistory presence, AdherenceRules rules,
                          EarningsLedger earnings, ActivityCredits accounts, StaffAuditTrail trail,
                          Transactions transactions, Clock clock) {
        this.store = store;
        this.access = access;
        this.presence = presence;
        this.rules = rules;
        this.earnings = earnings;
        this.accounts = accounts;
        this.trail = trail;
        this.transactions = transactions;
        this.clock = clock;
    }

    public AdherenceReport report(Actor actor, Filter filter) {
        if (!actor.role().isSupervisorOrAbove()) {
            throw RuleViolation.forbidden(ShiftRules.STAFF_ONLY, "only staff read adherence");
        }
        Instant now = clock.instant();
        LocalDate[] range = ShiftAccess.range(filter.from(), filter.to(), LocalDate.ofInstant(now, ZoneOffset.UTC));
        List<String> companions = access.reach(actor);
        if (filter.teamId() != null) {
            companions = narrow(companions, access.team(actor, filter.teamId()));
        }
        if (filter.companionId() != null) {
            access.requireStaffOver(actor, filter.companionId());
            companions = narrow(companions, List.of(filter.companionId()));
        }
        if (companions != null && companions.isEmpty()) {
            return new AdherenceReport(range[0], range[1], List.of(), List.of());
        }
        List<Shift> shifts = store.onDays(companions, range[0], range[1]).stream()
                .filter(shift -> MEASURED.contains(shift.status())).toList();
        Map<String, List<PenaltyProposal>> proposals = store.proposals(shifts.stream().map(Shift::shiftId).toList())
                .stream().collect(Collectors.groupingBy(PenaltyProposal::shiftId));
        Map<String, List<Shift>> byCompanion = shifts.stream()
                .collect(Collectors.groupingBy(Shift::companionId, LinkedHashMap::new, Collectors.toList()));
        var views = new ArrayList<ShiftAdherenceView>();
        var totals = new ArrayList<CompanionAdherence>();
        byCompanion.forEach((companionId, theirs) -> {
            List<PresenceChange> changes = changesAround(companionId, theirs, now);
            int missed = 0;
            int lateShifts = 0;
            int late = 0;
            int early = 0;
            int overrun = 0;
            int away = 0;
            for (Shift shift : theirs) {
                Adherence a = rules.of(shift, changes, now);
                views.add(new ShiftAdherenceView(ShiftView.of(shift), a, proposals.getOrDefault(shift.shiftId(),
                        List.of()).stream().map(ProposalView::of).toList()));
                missed += a.missed() ? 1 : 0;
                lateShifts += rules.late(shift).compareTo(rules.lateThreshold()) > 0 ? 1 : 0;
                late += a.minutesLate();
                early += a.minutesLeftEarly();
                overrun += a.breakOverrunMinutes();
                away += a.awayMinutes();
            }
            totals.add(new CompanionAdherence(companionId, theirs.size(), missed, lateShifts, late, early, overrun,
                    away));
        });
        totals.sort(Comparator.comparing(CompanionAdherence::companionId));
        return new AdherenceReport(range[0], range[1], totals, views);
    }

    private List<PresenceChange> changesAround(String companionId, List<Shift> shifts, Instant now) {
        Instant from = null;
        Instant to = null;
        for (Shift shift : shifts) {
            if (shift.startedAt() == null) {
                continue;
            }
            Instant end = shift.endedAt() != null ? shift.endedAt() : now;
            from = from == null || shift.startedAt().isBefore(from) ? shift.startedAt() : from;
            to = to == null || end.isAfter(to) ? end : to;
        }
        return from == null ? List.of() : presence.changes(companionId, from, to);
    }

    private static List<String> narrow(List<String> reach, List<String> wanted) {
        return reach == null ? wanted : wanted.stream().filter(reach::contains).toList();
    }

    /** The team's supervisor turns a proposal into a penalty on the companion's earnings account. */
    public ProposalView confirm(Actor actor, String proposalId) {
        return transactions.inTransaction(() -> {
            PenaltyProposal proposal = decidable(actor, proposalId);
            Instant now = clock.instant();
            accounts.openIfMissing(proposal.companionId(), now, "shift-adherence");
            EntryReceipt receipt = earnings.penalize(actor, proposal.companionId(), proposal.caseId(),
                    proposal.policyCode());
            PenaltyProposal confirmed = proposal.confirmed(actor.recorded(), now, receipt.entryId());
            store.update(confirmed);
            trail.record(new StaffAction(UUID.randomUUID().toString(), actor.recorded(),
                    StaffActionKind.SHIFT_PENALTY_CONFIRMED, proposalId, proposal.policyCode(), receipt.entryId(),
                    null, now));
            return ProposalView.of(confirmed);
        });
    }

    /** The team's supervisor dismisses a proposal, with a reason. */
    public ProposalView dismiss(Actor actor, String proposalId, String reason) {
        String why = ShiftRules.requireReason(reason);
        return transactions.inTransaction(() -> {
            PenaltyProposal proposal = decidable(actor, proposalId);
            Instant now = clock.instant();
            PenaltyProposal dismissed = proposal.dismissed(actor.recorded(), now, why);
            store.update(dismissed);
            trail.record(new StaffAction(UUID.randomUUID().toString(), actor.recorded(),
                    StaffActionKind.SHIFT_PENALTY_DISMISSED, proposalId, proposal.policyCode(), "DISMISSED", why,
                    now));
            return ProposalView.of(dismissed);
        });
    }

    /**
     * The proposal, locked, for the supervisor of its companion's team; another supervisor is told it does not
     * exist, other roles are refused.
     */
    private PenaltyProposal decidable(Actor actor, String proposalId) {
        RuleViolation notFound = RuleViolation.notFound(ShiftRules.PROPOSAL_NOT_FOUND, "no penalty proposal "
                + proposalId);
        PenaltyProposal proposal = store.lockProposal(proposalId).orElseThrow(() -> notFound);
        if (!access.supervises(actor, proposal.companionId())) {
            if (access.staffReaches(actor, proposal.companionId())) {
                throw RuleViolation.forbidden(ShiftRules.SUPERVISOR_ONLY,
                        "only the supervisor of the companion's team turns a proposal into a penalty");
            }
            throw notFound;
        }
        return proposal;
    }
}
