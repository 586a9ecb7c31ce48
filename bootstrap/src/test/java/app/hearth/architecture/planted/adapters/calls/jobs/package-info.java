/** A planted scheduled pass that uses an outbound adapter directly instead of an application port. */
package app.hearth.architecture.planted.adapters.calls.jobs;
