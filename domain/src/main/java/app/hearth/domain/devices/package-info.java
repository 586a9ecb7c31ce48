/** Members' and staff's phones: the device id, its platform and the push tokens Hearth may ring it through. */
package app.hearth.domain.devices;
