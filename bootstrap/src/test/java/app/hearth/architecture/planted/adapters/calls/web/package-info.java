/** A planted inbound adapter that uses an outbound adapter directly instead of an application port. */
package app.hearth.architecture.planted.adapters.calls.web;
