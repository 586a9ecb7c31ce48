/** Shifts through HTTP on the real database: planning in team scope, requests, clocking, the missed wake-up, adherence. */
package app.hearth.shifts;
