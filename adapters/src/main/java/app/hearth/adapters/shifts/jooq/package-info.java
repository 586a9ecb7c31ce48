/** Shifts, breaks, requests and penalty proposals in plain tables; presence changes read for away time. */
package app.hearth.adapters.shifts.jooq;
