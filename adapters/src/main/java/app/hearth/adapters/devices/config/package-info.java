/** Spring wiring of the devices' use cases to their ports. */
package app.hearth.adapters.devices.config;
