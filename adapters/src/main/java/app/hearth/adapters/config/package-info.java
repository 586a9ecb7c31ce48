/** Spring wiring of the use cases to their ports, and the configured business numbers. */
package app.hearth.adapters.config;
