package app.hearth.adapters.calls.jobs;

import app.hearth.adapters.shared.jobs.RepeatingPass;
import app.hearth.application.calls.CallWatchdog;
import java.time.Duration;

/** Runs the {@link CallWatchdog} on one daemon thread, every {@code interval}, while the application runs. */
public class CallWatchdogTimer extends RepeatingPass {

    public CallWatchdogTimer(CallWatchdog watchdog, Duration interval) {
        super("call-watchdog", watchdog::tick, interval);
    }
}
