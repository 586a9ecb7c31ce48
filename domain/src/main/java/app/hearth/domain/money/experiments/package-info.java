/** Paywall experiments: weighted variants per placement and the deterministic, sticky choice of a member's variant. */
package app.hearth.domain.money.experiments;
