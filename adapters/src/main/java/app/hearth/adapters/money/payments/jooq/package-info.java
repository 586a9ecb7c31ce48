/** The payment pipeline's inbox, facts, pending purchases and parked events in PostgreSQL, with jOOQ. */
package app.hearth.adapters.money.payments.jooq;
