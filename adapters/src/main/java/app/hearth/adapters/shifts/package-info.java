/** Shifts: planning, clocking, requests, adherence and penalty proposals of companions. */
package app.hearth.adapters.shifts;
