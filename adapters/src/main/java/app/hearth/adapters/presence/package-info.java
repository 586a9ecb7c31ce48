/** Presence: the facts that decide a companion's presence, kept in PostgreSQL. */
package app.hearth.adapters.presence;
