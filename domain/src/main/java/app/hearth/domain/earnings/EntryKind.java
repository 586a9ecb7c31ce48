package app.hearth.domain.earnings;

/** The kinds of movement in an earnings account. */
public enum EntryKind {
    ACTIVITY_CREDIT,
    PENALTY,
    PENALTY_REVERSAL,
    CORRECTION
}
