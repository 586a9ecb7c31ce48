/** The earnings read model: the projection that writes balances and entries and the queries that read them. */
package app.hearth.adapters.earnings.jooq;
