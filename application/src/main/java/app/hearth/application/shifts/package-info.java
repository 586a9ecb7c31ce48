/** Shifts' use cases: planning and views in team scope, clocking with the missed-shift deadline, requests, adherence and penalty proposals. */
package app.hearth.application.shifts;
