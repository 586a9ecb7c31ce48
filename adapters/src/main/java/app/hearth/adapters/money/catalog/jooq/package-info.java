/** Catalog versions and their products in PostgreSQL, with jOOQ. */
package app.hearth.adapters.money.catalog.jooq;
