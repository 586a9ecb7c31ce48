/** Roles, role claims to publish, callers' roles remembered in memory and the staff audit trail, stored with jOOQ. */
package app.hearth.adapters.access.jooq;
