/** Roles, role claims to publish and the staff audit trail, stored with jOOQ. */
package app.hearth.adapters.persistence.access;
