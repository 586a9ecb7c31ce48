/** Axon Framework wiring: the JDBC event store, stable stored event names, command routing and transactions. */
package app.hearth.adapters.shared.axon;
