package app.hearth.application.shifts;

import app.hearth.domain.shifts.Adherence;
import app.hearth.domain.shifts.BreakSpan;
import app.hearth.domain.shifts.PenaltyProposal;
import app.hearth.domain.shifts.Shift;
import app.hearth.domain.shifts.ShiftRequest;
import app.hearth.domain.shifts.ShiftStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/** What the shifts' routes answer. */
public final class ShiftViews {

    private ShiftViews() {
    }

    /**
     * A shift: planned start and end as the companion's wall-clock times in {@code timeZone} (and the instants they
     * mean), its status, clocking and breaks.
     */
    public record ShiftView(String shiftId, String companionId, String timeZone, LocalDate day,
                            LocalDateTime plannedStart, LocalDateTime plannedEnd, Instant plannedStartAt,
                            Instant plannedEndAt, ShiftStatus status, Instant startedAt, Instant endedAt,
                            boolean onBreak, List<BreakView> breaks, String createdBy, String note) {

        public static ShiftView of(Shift shift) {
            var planned = shift.planned();
            return new ShiftView(shift.shiftId(), shift.companionId(), planned.zone().getId(), planned.day(),
                    planned.start(), planned.end(), planned.startInstant(), planned.endInstant(), shift.status(),
                    shift.startedAt(), shift.endedAt(), shift.onBreak(),
                    shift.breaks().stream().map(BreakView::of).toList(), shift.createdBy(), shift.note());
        }
    }

    /** One break; {@code endedAt} null while it lasts. */
    public record BreakView(Instant startedAt, Instant endedAt) {
        static BreakView of(BreakSpan span) {
            return new BreakView(span.start(), span.end());
        }
    }

    /** A companion's request and its decision. */
    public record RequestView(String requestId, String companionId, ShiftRequest.Kind kind,
                              ShiftRequest.Status status, String timeZone, LocalDateTime start, LocalDateTime end,
                              LocalDate day, String shiftId, String note, Instant requestedAt, String decidedBy,
                              Instant decidedAt, String reason, String resultShiftId) {

        public static RequestView of(ShiftRequest request) {
            var time = request.time();
            return new RequestView(request.requestId(), request.companionId(), request.kind(), request.status(),
                    time == null ? null : time.zone().getId(), time == null ? null : time.start(),
                    time == null ? null : time.end(), request.day(), request.shiftId(), request.note(),
                    request.requestedAt(), request.decidedBy(), request.decidedAt(), request.reason(),
                    request.resultShiftId());
        }
    }

    /** A penalty proposal and its decision. */
    public record ProposalView(String proposalId, String shiftId, String companionId, String policyCode,
                               PenaltyProposal.Status status, int minutesLate, Instant proposedAt, String decidedBy,
                               Instant decidedAt, String reason, String penaltyEntryId) {

        public static ProposalView of(PenaltyProposal proposal) {
            return new ProposalView(proposal.proposalId(), proposal.shiftId(), proposal.companionId(),
                    proposal.policyCode(), proposal.status(), proposal.minutesLate(), proposal.proposedAt(),
                    proposal.decidedBy(), proposal.decidedAt(), proposal.reason(), proposal.penaltyEntryId());
        }
    }

    /** One shift's adherence and the penalties it proposed. */
    public record ShiftAdherenceView(ShiftView shift, Adherence adherence, List<ProposalView> proposals) {
    }

    /** A companion's adherence over the range: sums over their started, ended and missed shifts. */
    public record CompanionAdherence(String companionId, int shifts, int missed, int lateShifts, int minutesLate,
                                     int minutesLeftEarly, int breakOverrunMinutes, int awayMinutes) {
    }

    /** Adherence over the planned days {@code [from, to]}. */
    public record AdherenceReport(LocalDate from, LocalDate to, List<CompanionAdherence> companions,
                                  List<ShiftAdherenceView> shifts) {
    }
}
