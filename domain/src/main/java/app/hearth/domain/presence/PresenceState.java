package app.hearth.domain.presence;

/**
 * Whether a companion can be reached now, derived from facts and never set by hand ({@code semantics.md}, "Shifts and
 * presence"): available (on a started shift, not on a break, connected with the app in the foreground, not in a call,
 * under their conversation capacity), or else busy, on break, away or offline.
 */
public enum PresenceState {
    AVAILABLE, BUSY, ON_BREAK, AWAY, OFFLINE
}
