/** A planted outbound adapter of the planted earnings feature that reaches into another feature. */
package app.hearth.architecture.planted.adapters.earnings.jooq;
