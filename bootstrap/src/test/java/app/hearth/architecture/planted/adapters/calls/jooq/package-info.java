/** A planted outbound adapter of the planted calls feature: its jOOQ projection and store. */
package app.hearth.architecture.planted.adapters.calls.jooq;
