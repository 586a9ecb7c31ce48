/** Spring wiring of the shifts' use cases, their rules' settings and the missed-shift wake-up. */
package app.hearth.adapters.shifts.config;
