/** Shifts' rules: planned time in the companion's zone, clocking windows, missed shifts, requests, adherence. */
package app.hearth.domain.shifts;
