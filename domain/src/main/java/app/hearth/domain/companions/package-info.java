/** Companions and teams: profile rules, the safe photo URL, the seven listing filters and who may manage whom. */
package app.hearth.domain.companions;
