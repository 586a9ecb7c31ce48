/** Tests of roles, their changes and the staff audit trail through the API. */
package app.hearth.access;
