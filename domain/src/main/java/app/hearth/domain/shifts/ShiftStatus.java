package app.hearth.domain.shifts;

/** Where a shift is: planned, started (clocked in), ended (clocked out), missed (not started in time), cancelled. */
public enum ShiftStatus {
    PLANNED, STARTED, ENDED, MISSED, CANCELLED;

    /** Whether the shift holds its planned time, so that no other shift of the companion may overlap it. */
    public boolean holdsTime() {
        return this != CANCELLED;
    }
}
