package app.hearth.domain.calls;

/** Which side of a call a participant is on. */
public enum Side {
    MEMBER, COMPANION;

    public Side other() {
        return this == MEMBER ? COMPANION : MEMBER;
    }
}
