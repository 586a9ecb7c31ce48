package app.hearth.adapters.shifts.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.SHIFT;
import static app.hearth.adapters.shared.jooq.generated.Tables.SHIFT_BREAK;
import static app.hearth.adapters.shared.jooq.generated.Tables.SHIFT_PENALTY_PROPOSAL;
import static app.hearth.adapters.shared.jooq.generated.Tables.SHIFT_REQUEST;

import app.hearth.adapters.shared.jooq.generated.tables.records.ShiftPenaltyProposalRecord;
import app.hearth.adapters.shared.jooq.generated.tables.records.ShiftRecord;
import app.hearth.adapters.shared.jooq.generated.tables.records.ShiftRequestRecord;
import app.hearth.application.shifts.ShiftStore;
import app.hearth.domain.shifts.BreakSpan;
import app.hearth.domain.shifts.PenaltyProposal;
import app.hearth.domain.shifts.PlannedTime;
import app.hearth.domain.shifts.Shift;
import app.hearth.domain.shifts.ShiftRequest;
import app.hearth.domain.shifts.ShiftStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Shifts in {@code shift} (breaks in {@code shift_break}), requests in {@code shift_request}, proposals in
 * {@code shift_penalty_proposal}; plain rows changed in the caller's transaction, locked with {@code FOR UPDATE}.
 */
@Component
public class JooqShiftStore implements ShiftStore {

    private final DSLContext sql;

    public JooqShiftStore(DSLContext sql) {
        this.sql = sql;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    @Override
    public void insert(Shift shift, Instant at) {
        PlannedTime planned = shift.planned();
        sql.insertInto(SHIFT)
                .set(SHIFT.SHIFT_ID, shift.shiftId()).set(SHIFT.COMPANION_ID, shift.companionId())
                .set(SHIFT.TIME_ZONE, planned.zone().getId())
                .set(SHIFT.PLANNED_START_LOCAL, planned.start()).set(SHIFT.PLANNED_END_LOCAL, planned.end())
                .set(SHIFT.PLANNED_DAY, planned.day())
                .set(SHIFT.PLANNED_START, at(planned.startInstant())).set(SHIFT.PLANNED_END, at(planned.endInstant()))
                .set(SHIFT.STATUS, shift.status().name())
                .set(SHIFT.STARTED_AT, at(shift.startedAt())).set(SHIFT.ENDED_AT, at(shift.endedAt()))
                .set(SHIFT.CREATED_BY, shift.createdBy()).set(SHIFT.CREATED_AT, at(shift.createdAt()))
                .set(SHIFT.NOTE, shift.note()).set(SHIFT.UPDATED_AT, at(at))
                .execute();
        writeBreaks(shift);
    }

    @Override
    public void update(Shift shift, Instant at) {
        PlannedTime planned = shift.planned();
        sql.update(SHIFT)
                .set(SHIFT.TIME_ZONE, planned.zone().getId())
                .set(SHIFT.PLANNED_START_LOCAL, planned.start()).set(SHIFT.PLANNED_END_LOCAL, planned.end())
                .set(SHIFT.PLANNED_DAY, planned.day())
                .set(SHIFT.PLANNED_START, at(planned.startInstant())).set(SHIFT.PLANNED_END, at(planned.endInstant()))
                .set(SHIFT.STATUS, shift.status().name())
                .set(SHIFT.STARTED_AT, at(shift.startedAt())).set(SHIFT.ENDED_AT, at(shift.endedAt()))
                .set(SHIFT.NOTE, shift.note()).set(SHIFT.UPDATED_AT, at(at))
                .where(SHIFT.SHIFT_ID.eq(shift.shiftId()))
                .execute();
        writeBreaks(shift);
    }

    private void writeBreaks(Shift shift) {
        sql.deleteFrom(SHIFT_BREAK).where(SHIFT_BREAK.SHIFT_ID.eq(shift.shiftId())).execute();
        int number = 1;
        for (BreakSpan span : shift.breaks()) {
            sql.insertInto(SHIFT_BREAK).set(SHIFT_BREAK.SHIFT_ID, shift.shiftId()).set(SHIFT_BREAK.NUMBER, number++)
                    .set(SHIFT_BREAK.STARTED_AT, at(span.start())).set(SHIFT_BREAK.ENDED_AT, at(span.end()))
                    .execute();
        }
    }

    @Override
    public Optional<Shift> find(String shiftId) {
        return shifts(SHIFT.SHIFT_ID.eq(shiftId), false).stream().findFirst();
    }

    @Override
    public Optional<Shift> lock(String shiftId) {
        return shifts(SHIFT.SHIFT_ID.eq(shiftId), true).stream().findFirst();
    }

    @Override
    public List<Shift> meeting(String companionId, Instant from, Instant to) {
        return shifts(SHIFT.COMPANION_ID.eq(companionId).and(SHIFT.PLANNED_START.lt(at(to)))
                .and(SHIFT.PLANNED_END.gt(at(from))), false);
    }

    @Override
    public Optional<Shift> started(String companionId) {
        return shifts(SHIFT.COMPANION_ID.eq(companionId).and(SHIFT.STATUS.eq(ShiftStatus.STARTED.name())), false)
                .stream().findFirst();
    }

    @Override
    public List<Shift> onDays(Collection<String> companionIds, LocalDate fromDay, LocalDate toDay) {
        Condition days = SHIFT.PLANNED_DAY.between(fromDay, toDay);
        if (companionIds != null) {
            days = days.and(SHIFT.COMPANION_ID.eq(DSL.any(companionIds.toArray(String[]::new))));
        }
        return shifts(days, false);
    }

    private List<Shift> shifts(Condition where, boolean lock) {
        var query = sql.selectFrom(SHIFT).where(where).orderBy(SHIFT.PLANNED_START, SHIFT.SHIFT_ID);
        List<ShiftRecord> rows = lock ? query.forUpdate().fetch() : query.fetch();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<BreakSpan>> breaks = sql.selectFrom(SHIFT_BREAK)
                .where(SHIFT_BREAK.SHIFT_ID.eq(DSL.any(rows.stream().map(ShiftRecord::getShiftId)
                        .toArray(String[]::new))))
                .orderBy(SHIFT_BREAK.SHIFT_ID, SHIFT_BREAK.NUMBER).fetch().stream()
                .collect(Collectors.groupingBy(row -> row.getShiftId(), Collectors.mapping(
                        row -> new BreakSpan(instant(row.getStartedAt()), instant(row.getEndedAt())),
                        Collectors.toCollection(ArrayList::new))));
        return rows.stream().map(row -> new Shift(row.getShiftId(), row.getCompanionId(),
                new PlannedTime(row.getPlannedStartLocal(), row.getPlannedEndLocal(), ZoneId.of(row.getTimeZone())),
                ShiftStatus.valueOf(row.getStatus()), instant(row.getStartedAt()), instant(row.getEndedAt()),
                breaks.getOrDefault(row.getShiftId(), new ArrayList<>()), row.getCreatedBy(),
                instant(row.getCreatedAt()), row.getNote())).toList();
    }

    @Override
    public void insert(ShiftRequest request) {
        ShiftRequestRecord row = sql.newRecord(SHIFT_REQUEST);
        fill(row, request);
        row.insert();
    }

    @Override
    public void update(ShiftRequest request) {
        ShiftRequestRecord row = sql.newRecord(SHIFT_REQUEST);
        fill(row, request);
        row.changed(SHIFT_REQUEST.REQUEST_ID, false);
        sql.update(SHIFT_REQUEST).set(row).where(SHIFT_REQUEST.REQUEST_ID.eq(request.requestId())).execute();
    }

    private static void fill(ShiftRequestRecord row, ShiftRequest request) {
        var time = request.time();
        row.setRequestId(request.requestId());
        row.setCompanionId(request.companionId());
        row.setKind(request.kind().name());
        row.setStatus(request.status().name());
        row.setTimeZone(time == null ? null : time.zone().getId());
        row.setStartLocal(time == null ? null : time.start());
        row.setEndLocal(time == null ? null : time.end());
        row.setDayOff(request.day());
        row.setShiftId(request.shiftId());
        row.setNote(request.note());
        row.setRequestedAt(at(request.requestedAt()));
        row.setDecidedBy(request.decidedBy());
        row.setDecidedAt(at(request.decidedAt()));
        row.setReason(request.reason());
        row.setResultShiftId(request.resultShiftId());
    }

    private static ShiftRequest request(ShiftRequestRecord row) {
        PlannedTime time = row.getTimeZone() == null ? null
                : new PlannedTime(row.getStartLocal(), row.getEndLocal(), ZoneId.of(row.getTimeZone()));
        return new ShiftRequest(row.getRequestId(), row.getCompanionId(), ShiftRequest.Kind.valueOf(row.getKind()),
                ShiftRequest.Status.valueOf(row.getStatus()), time, row.getDayOff(), row.getShiftId(), row.getNote(),
                instant(row.getRequestedAt()), row.getDecidedBy(), instant(row.getDecidedAt()), row.getReason(),
                row.getResultShiftId());
    }

    @Override
    public List<LocalDate> daysOff(String companionId, LocalDate fromDay, LocalDate toDay) {
        return sql.selectDistinct(SHIFT_REQUEST.DAY_OFF).from(SHIFT_REQUEST)
                .where(SHIFT_REQUEST.COMPANION_ID.eq(companionId))
                .and(SHIFT_REQUEST.KIND.eq(ShiftRequest.Kind.DAY_OFF.name()))
                .and(SHIFT_REQUEST.STATUS.eq(ShiftRequest.Status.APPROVED.name()))
                .and(SHIFT_REQUEST.DAY_OFF.between(fromDay, toDay))
                .orderBy(SHIFT_REQUEST.DAY_OFF).fetch(SHIFT_REQUEST.DAY_OFF);
    }

    @Override
    public Optional<ShiftRequest> lockRequest(String requestId) {
        return sql.selectFrom(SHIFT_REQUEST).where(SHIFT_REQUEST.REQUEST_ID.eq(requestId)).forUpdate()
                .fetchOptional().map(JooqShiftStore::request);
    }

    @Override
    public List<ShiftRequest> requests(Collection<String> companionIds, ShiftRequest.Status status, int limit) {
        Condition where = SHIFT_REQUEST.COMPANION_ID.eq(DSL.any(companionIds.toArray(String[]::new)));
        if (status != null) {
            where = where.and(SHIFT_REQUEST.STATUS.eq(status.name()));
        }
        return sql.selectFrom(SHIFT_REQUEST).where(where)
                .orderBy(SHIFT_REQUEST.REQUESTED_AT.desc(), SHIFT_REQUEST.REQUEST_ID).limit(limit).fetch()
                .map(JooqShiftStore::request);
    }

    @Override
    public boolean propose(PenaltyProposal proposal) {
        ShiftPenaltyProposalRecord row = sql.newRecord(SHIFT_PENALTY_PROPOSAL);
        fill(row, proposal);
        return sql.insertInto(SHIFT_PENALTY_PROPOSAL).set(row).onConflictDoNothing().execute() == 1;
    }

    @Override
    public Optional<PenaltyProposal> lockProposal(String proposalId) {
        return sql.selectFrom(SHIFT_PENALTY_PROPOSAL).where(SHIFT_PENALTY_PROPOSAL.PROPOSAL_ID.eq(proposalId))
                .forUpdate().fetchOptional().map(JooqShiftStore::proposal);
    }

    @Override
    public void update(PenaltyProposal proposal) {
        ShiftPenaltyProposalRecord row = sql.newRecord(SHIFT_PENALTY_PROPOSAL);
        fill(row, proposal);
        row.changed(SHIFT_PENALTY_PROPOSAL.PROPOSAL_ID, false);
        sql.update(SHIFT_PENALTY_PROPOSAL).set(row)
                .where(SHIFT_PENALTY_PROPOSAL.PROPOSAL_ID.eq(proposal.proposalId())).execute();
    }

    @Override
    public List<PenaltyProposal> proposals(Collection<String> shiftIds) {
        if (shiftIds.isEmpty()) {
            return List.of();
        }
        return sql.selectFrom(SHIFT_PENALTY_PROPOSAL)
                .where(SHIFT_PENALTY_PROPOSAL.SHIFT_ID.eq(DSL.any(shiftIds.toArray(String[]::new))))
                .orderBy(SHIFT_PENALTY_PROPOSAL.PROPOSED_AT, SHIFT_PENALTY_PROPOSAL.PROPOSAL_ID).fetch()
                .map(JooqShiftStore::proposal);
    }

    private static void fill(ShiftPenaltyProposalRecord row, PenaltyProposal proposal) {
        row.setProposalId(proposal.proposalId());
        row.setShiftId(proposal.shiftId());
        row.setCompanionId(proposal.companionId());
        row.setPolicyCode(proposal.policyCode());
        row.setStatus(proposal.status().name());
        row.setMinutesLate(proposal.minutesLate());
        row.setProposedAt(at(proposal.proposedAt()));
        row.setDecidedBy(proposal.decidedBy());
        row.setDecidedAt(at(proposal.decidedAt()));
        row.setReason(proposal.reason());
        row.setPenaltyEntryId(proposal.penaltyEntryId());
    }

    private static PenaltyProposal proposal(ShiftPenaltyProposalRecord row) {
        return new PenaltyProposal(row.getProposalId(), row.getShiftId(), row.getCompanionId(), row.getPolicyCode(),
                PenaltyProposal.Status.valueOf(row.getStatus()), row.getMinutesLate(), instant(row.getProposedAt()),
                row.getDecidedBy(), instant(row.getDecidedAt()), row.getReason(), row.getPenaltyEntryId());
    }
}
