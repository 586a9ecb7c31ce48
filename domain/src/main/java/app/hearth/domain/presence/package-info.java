/** A companion's presence, derived from their shift, connection, calls and conversations. */
package app.hearth.domain.presence;
