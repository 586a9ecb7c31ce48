/** Roles and the staff audit trail over HTTP. */
package app.hearth.adapters.access.web;
