/** A planted outbound adapter. */
package app.hearth.architecture.planted.adapters.persistence;
