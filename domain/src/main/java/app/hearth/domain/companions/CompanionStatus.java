package app.hearth.domain.companions;

/** Invited by an admin, active once they saved their profile, or suspended by staff (then not listed). */
public enum CompanionStatus {
    INVITED, ACTIVE, SUSPENDED
}
