package app.hearth.domain.calls;

import app.hearth.domain.money.wallet.CallKind;
import java.util.Optional;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * Who calls whom, and how: fixed when the call is requested. {@code firstCoverSeconds} is how much call the member's
 * first hold covers (at most {@link CallDecider#FIRST_HOLD}; less when the balance holds less).
 */
@ValueObject
public record CallSetup(String memberId, String companionId, CallKind kind, long firstCoverSeconds) {

    /** A call whose first hold covers the whole {@link CallDecider#FIRST_HOLD}. */
    public CallSetup(String memberId, String companionId, CallKind kind) {
        this(memberId, companionId, kind, CallDecider.FIRST_HOLD.toSeconds());
    }

    /** The same call: the same member, companion and kind (how much the first hold covers aside). */
    public boolean sameCall(CallSetup other) {
        return memberId.equals(other.memberId) && companionId.equals(other.companionId) && kind == other.kind;
    }

    /** The side {@code participantId} is on, or empty when they are not part of this call. */
    public Optional<Side> sideOf(String participantId) {
        if (memberId.equals(participantId)) {
            return Optional.of(Side.MEMBER);
        }
        return companionId.equals(participantId) ? Optional.of(Side.COMPANION) : Optional.empty();
    }

    public String participant(Side side) {
        return side == Side.MEMBER ? memberId : companionId;
    }
}
