package app.hearth.application.shifts;

import app.hearth.domain.shifts.PenaltyProposal;
import app.hearth.domain.shifts.Shift;
import app.hearth.domain.shifts.ShiftRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** Where shifts, requests and penalty proposals are kept; every change joins the caller's transaction. */
@SecondaryPort
public interface ShiftStore {

    void insert(Shift shift, Instant at);

    /** Writes the shift's planned time, status, clocking, breaks and note. */
    void update(Shift shift, Instant at);

    Optional<Shift> find(String shiftId);

    /** Reads and locks the shift until the transaction ends. */
    Optional<Shift> lock(String shiftId);

    /** The companion's shifts (any status) whose planned time meets {@code [from, to)}. */
    List<Shift> meeting(String companionId, Instant from, Instant to);

    /** The companion's started shift, if any. */
    Optional<Shift> started(String companionId);

    /**
     * The shifts of {@code companionIds} (every companion's when null) whose planned day is within
     * {@code [fromDay, toDay]}, by planned start.
     */
    List<Shift> onDays(Collection<String> companionIds, LocalDate fromDay, LocalDate toDay);

    void insert(ShiftRequest request);

    /** The local days within {@code [fromDay, toDay]} the companion has an approved day off. */
    List<LocalDate> daysOff(String companionId, LocalDate fromDay, LocalDate toDay);

    void update(ShiftRequest request);

    Optional<ShiftRequest> lockRequest(String requestId);

    /** Requests of {@code companionIds}, of {@code status} when set, newest first. */
    List<ShiftRequest> requests(Collection<String> companionIds, ShiftRequest.Status status, int limit);

    /** Records a proposal; false when the shift already has one under that policy. */
    boolean propose(PenaltyProposal proposal);

    Optional<PenaltyProposal> lockProposal(String proposalId);

    void update(PenaltyProposal proposal);

    /** The proposals of these shifts. */
    List<PenaltyProposal> proposals(Collection<String> shiftIds);
}
