/**
 * Access: who holds which role (member, companion, supervisor, admin, superadmin), role claims published to the
 * identity provider, and the staff audit trail.
 */
package app.hearth.adapters.access;
