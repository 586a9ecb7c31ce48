/** Companions: their profiles, skills and availability, and the teams supervisors lead. */
package app.hearth.adapters.companions;
