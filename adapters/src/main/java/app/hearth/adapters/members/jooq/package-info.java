/** Members' profiles, identities and closed accounts in PostgreSQL, with jOOQ. */
package app.hearth.adapters.members.jooq;
