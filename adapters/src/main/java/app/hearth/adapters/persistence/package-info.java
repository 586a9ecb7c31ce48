/** Read models kept in PostgreSQL with jOOQ; the generated table classes live in the {@code jooq} sub-package. */
package app.hearth.adapters.persistence;
