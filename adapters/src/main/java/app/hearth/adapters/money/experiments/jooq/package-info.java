/** Paywall experiments, members' variants and experiment events in PostgreSQL through jOOQ. */
package app.hearth.adapters.money.experiments.jooq;
