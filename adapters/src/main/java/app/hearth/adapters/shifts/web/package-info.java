/** REST for shifts: planning and views, clocking, requests, adherence and penalty proposals. */
package app.hearth.adapters.shifts.web;
