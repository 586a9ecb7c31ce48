package app.hearth.domain.calls;

import app.hearth.domain.money.wallet.CallKind;
import java.util.Optional;
import org.jmolecules.ddd.annotation.ValueObject;

/** Who calls whom, and how: fixed when the call is requested. */
@ValueObject
public record CallSetup(String memberId, String companionId, CallKind kind) {

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
