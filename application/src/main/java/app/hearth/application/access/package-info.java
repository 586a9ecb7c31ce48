/** Roles, their changes and the staff audit trail: the use cases of access. */
package app.hearth.application.access;
