/** Devices and their push tokens in the {@code device} table. */
package app.hearth.adapters.devices.jooq;
