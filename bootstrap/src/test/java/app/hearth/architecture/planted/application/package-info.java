/** A planted application module that knows Axon and reaches into an adapter. */
package app.hearth.architecture.planted.application;
