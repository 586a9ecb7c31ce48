package app.hearth.domain.presence;

/** Why a companion is not available: every fact that stands in the way, not only the one that decided the state. */
public enum PresenceReason {
    /** No started shift. */
    NOT_ON_SHIFT,
    /** On a break. */
    ON_BREAK,
    /** In a call (ringing, accepted or connected). */
    IN_CALL,
    /** No live real-time connection. */
    NOT_CONNECTED,
    /** Connected, but the app has not reported the foreground (or reported the background). */
    IN_BACKGROUND,
    /** As many open conversations as the capacity, or more. */
    AT_CAPACITY
}
