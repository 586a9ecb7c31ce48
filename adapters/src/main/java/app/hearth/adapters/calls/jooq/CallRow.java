package app.hearth.adapters.calls.jooq;

import static app.hearth.adapters.shared.jooq.generated.Tables.CALL_VIEW;

import app.hearth.adapters.shared.jooq.generated.tables.records.CallViewRecord;
import app.hearth.application.calls.CallQueries;
import app.hearth.domain.calls.CallEvent.BalanceWarning;
import app.hearth.domain.calls.CallEvent.CallAccepted;
import app.hearth.domain.calls.CallEvent.CallConnected;
import app.hearth.domain.calls.CallEvent.CallEnded;
import app.hearth.domain.calls.CallEvent.CallRequested;
import app.hearth.domain.calls.CallEvent.CoverageExtended;
import app.hearth.domain.calls.CallEvent.CoverageNotExtended;
import app.hearth.domain.calls.CallEvent.ParticipantJoined;
import app.hearth.domain.calls.CallEvent.PresenceProven;
import app.hearth.domain.calls.CallEvent;
import app.hearth.domain.calls.CallSession;
import app.hearth.domain.calls.CallSetup;
import app.hearth.domain.calls.CallTimeouts;
import app.hearth.domain.calls.CallWatch;
import app.hearth.domain.calls.EndReason;
import app.hearth.domain.calls.Side;
import app.hearth.domain.money.wallet.CallKind;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * One call's row of {@code call_view} while the projection folds a batch of events into it. An event whose aggregate
 * sequence number is not above {@link #lastSequence} was applied before and changes nothing, so a redelivered or
 * replayed event leaves the same row.
 */
final class CallRow {

    static final String RINGING = "RINGING";
    static final String ACCEPTED = "ACCEPTED";
    static final String CONNECTED = "CONNECTED";
    static final String ENDED = "ENDED";

    String callId;
    String memberId;
    String companionId;
    CallKind kind;
    String state;
    Instant requestedAt;
    Instant acceptedAt;
    Instant memberJoinedAt;
    Instant companionJoinedAt;
    Instant connectedAt;
    Instant lastProofAt;
    Instant coveredUntil;
    boolean coverageFailing;
    Instant endedAt;
    EndReason endReason;
    String endedBy;
    Instant billableUntil;
    long connectedSeconds;
    long billableSeconds;
    boolean chargeable;
    boolean completed;
    long lastSequence;
    Instant updatedAt;

    private CallRow() {
    }

    /** The row a call's first event starts; {@code sequence} is its aggregate sequence number (0). */
    static CallRow requested(CallRequested requested, long sequence) {
        var row = new CallRow();
        row.callId = requested.callId();
        row.memberId = requested.memberId();
        row.companionId = requested.companionId();
        row.kind = requested.kind();
        row.state = RINGING;
        row.requestedAt = requested.at();
        row.lastSequence = sequence;
        row.updatedAt = requested.at();
        return row;
    }

    /**
     * Folds {@code event}, the call's event number {@code sequence}, into this row.
     *
     * @return false when the row already holds it (a redelivery or a repeat): nothing changed
     */
    boolean apply(CallEvent event, long sequence) {
        if (sequence <= lastSequence) {
            return false;
        }
        switch (event) {
            case CallRequested requested -> {
                memberId = requested.memberId();
                companionId = requested.companionId();
                kind = requested.kind();
                requestedAt = requested.at();
            }
            case CallAccepted accepted -> {
                state = ACCEPTED;
                acceptedAt = accepted.at();
            }
            case ParticipantJoined joined -> {
                if (joined.side() == Side.MEMBER && memberJoinedAt == null) {
                    memberJoinedAt = joined.at();
                } else if (joined.side() == Side.COMPANION && companionJoinedAt == null) {
                    companionJoinedAt = joined.at();
                }
            }
            case CallConnected connected -> {
                state = CONNECTED;
                connectedAt = connected.connectedAt();
                coveredUntil = connected.coveredUntil();
                coverageFailing = false;
            }
            case PresenceProven proven -> {
                if (lastProofAt == null || proven.bothUntil().isAfter(lastProofAt)) {
                    lastProofAt = proven.bothUntil();
                }
            }
            case CoverageExtended extended -> {
                coveredUntil = extended.coveredUntil();
                coverageFailing = false;
            }
            case CoverageNotExtended notExtended -> {
                coveredUntil = notExtended.coveredUntil();
                coverageFailing = true;
            }
            case BalanceWarning ignored -> { }
            case CallEnded ended -> {
                state = ENDED;
                memberId = ended.memberId();
                companionId = ended.companionId();
                kind = ended.kind();
                if (ended.connectedAt() != null) {
                    connectedAt = ended.connectedAt();
                }
                endedAt = ended.endedAt();
                endReason = ended.reason();
                endedBy = ended.endedBy();
                billableUntil = ended.billableUntil();
                connectedSeconds = ended.connectedSeconds();
                billableSeconds = ended.billableSeconds();
                chargeable = ended.chargeable();
                completed = ended.completed();
            }
        }
        lastSequence = sequence;
        updatedAt = event.at();
        return true;
    }

    /** The last moment both sides were proven present: the later of the connect and the latest proof. */
    Instant lastProof() {
        if (connectedAt == null) {
            return null;
        }
        return lastProofAt != null && lastProofAt.isAfter(connectedAt) ? lastProofAt : connectedAt;
    }

    /**
     * When the rules, with {@code timeouts}, say this call must have ended; null once it has (ADR 0023, {@link
     * CallQueries}). The row's facts are handed to the decider's own deadlines ({@link CallWatch#mustEndBy}), so the
     * read model keeps no copy of them that could drift.
     */
    Instant mustEndBy(CallTimeouts timeouts) {
        var setup = new CallSetup(memberId, companionId, kind);
        CallSession session = switch (state) {
            case RINGING -> new CallSession.Ringing(callId, setup, requestedAt);
            case ACCEPTED -> new CallSession.Accepted(callId, setup, requestedAt, acceptedAt, false, false);
            case CONNECTED -> new CallSession.Connected(callId, setup, requestedAt, acceptedAt, connectedAt,
                    lastProof(), lastProof(), coveredUntil, coverageFailing, 0);
            default -> CallSession.NOT_REQUESTED;
        };
        return CallWatch.mustEndBy(session, timeouts).orElse(null);
    }

    static CallRow of(CallViewRecord record) {
        var row = new CallRow();
        row.callId = record.getCallId();
        row.memberId = record.getMemberId();
        row.companionId = record.getCompanionId();
        row.kind = CallKind.valueOf(record.getKind());
        row.state = record.getState();
        row.requestedAt = instant(record.getRequestedAt());
        row.acceptedAt = instant(record.getAcceptedAt());
        row.memberJoinedAt = instant(record.getMemberJoinedAt());
        row.companionJoinedAt = instant(record.getCompanionJoinedAt());
        row.connectedAt = instant(record.getConnectedAt());
        row.lastProofAt = instant(record.getLastProofAt());
        row.coveredUntil = instant(record.getCoveredUntil());
        row.coverageFailing = record.getCoverageFailing();
        row.endedAt = instant(record.getEndedAt());
        row.endReason = record.getEndReason() == null ? null : EndReason.valueOf(record.getEndReason());
        row.endedBy = record.getEndedBy();
        row.billableUntil = instant(record.getBillableUntil());
        row.connectedSeconds = record.getConnectedSeconds();
        row.billableSeconds = record.getBillableSeconds();
        row.chargeable = record.getChargeable();
        row.completed = record.getCompleted();
        row.lastSequence = record.getLastSequence();
        row.updatedAt = instant(record.getUpdatedAt());
        return row;
    }

    CallViewRecord toRecord(CallTimeouts timeouts) {
        var record = new CallViewRecord();
        record.setCallId(callId);
        record.setMemberId(memberId);
        record.setCompanionId(companionId);
        record.setKind(kind.name());
        record.setState(state);
        record.setRequestedAt(at(requestedAt));
        record.setAcceptedAt(at(acceptedAt));
        record.setMemberJoinedAt(at(memberJoinedAt));
        record.setCompanionJoinedAt(at(companionJoinedAt));
        record.setConnectedAt(at(connectedAt));
        record.setLastProofAt(at(lastProofAt));
        record.setCoveredUntil(at(coveredUntil));
        record.setCoverageFailing(coverageFailing);
        record.setMustEndBy(at(mustEndBy(timeouts)));
        record.setEndedAt(at(endedAt));
        record.setEndReason(endReason == null ? null : endReason.name());
        record.setEndedBy(endedBy);
        record.setBillableUntil(at(billableUntil));
        record.setConnectedSeconds(connectedSeconds);
        record.setBillableSeconds(billableSeconds);
        record.setChargeable(chargeable);
        record.setCompleted(completed);
        record.setLastSequence(lastSequence);
        record.setUpdatedAt(at(updatedAt));
        // every column is written, nulls included
        for (var field : CALL_VIEW.fields()) {
            record.changed(field, true);
        }
        return record;
    }

    static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
