/** A planted Spring configuration of the planted earnings feature that wires another feature's bean. */
package app.hearth.architecture.planted.adapters.earnings.config;
