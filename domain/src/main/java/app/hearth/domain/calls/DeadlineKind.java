package app.hearth.domain.calls;

/** The deadlines a call's watchdog schedules; see {@link CallDecider#nextDeadlines}. */
public enum DeadlineKind {
    /** No answer 45 s after the request: the call ends as {@link EndReason#MISSED}. */
    RING,
    /** Not both in the media room 30 s after the accept: the call ends as {@link EndReason#FAILED}. */
    JOIN,
    /** A side silent 45 s: the call ends as {@link EndReason#CONNECTION_LOST}. */
    HEARTBEAT_LOSS,
    /** The end of the covered time (never before 60 s connected): {@link EndReason#BALANCE_EXHAUSTED}. */
    BALANCE,
    /** The next low-balance warning (2 min and 30 s before the balance deadline) is due. */
    BALANCE_WARNING
}
