/** Companions and teams in PostgreSQL through jOOQ, and team membership as supervisor scoping reads it. */
package app.hearth.adapters.companions.jooq;
