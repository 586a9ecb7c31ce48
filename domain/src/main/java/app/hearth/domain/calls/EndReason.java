package app.hearth.domain.calls;

/** Why a call ended. The names are stored and published: they never change. */
public enum EndReason {
    HUNG_UP_BY_MEMBER, HUNG_UP_BY_COMPANION, BALANCE_EXHAUSTED, CONNECTION_LOST, DECLINED, CANCELLED, MISSED,
    FAILED, ENDED_BY_STAFF;

    /** Whether a call that was connected and ended for this reason counts as completed. */
    public boolean completesAConnectedCall() {
        return this == HUNG_UP_BY_MEMBER || this == HUNG_UP_BY_COMPANION || this == BALANCE_EXHAUSTED;
    }

    /** The hang-up reason of {@code side}. */
    public static EndReason hungUpBy(Side side) {
        return side == Side.MEMBER ? HUNG_UP_BY_MEMBER : HUNG_UP_BY_COMPANION;
    }
}
