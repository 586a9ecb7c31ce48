package app.hearth.domain.shifts;

/**
 * How one shift was kept, in whole minutes (rounded down): how late it was started, how early it was stopped, the
 * breaks taken against the allowance and the overrun beyond it, the time presence showed the companion away while
 * on it, and whether it was missed. A shift still going on is measured up to now.
 */
public record Adherence(int minutesLate, int minutesLeftEarly, int breakMinutes, int breakAllowanceMinutes,
                        int breakOverrunMinutes, int awayMinutes, boolean missed) {

    public static final Adherence NONE = new Adherence(0, 0, 0, 0, 0, 0, false);
}
