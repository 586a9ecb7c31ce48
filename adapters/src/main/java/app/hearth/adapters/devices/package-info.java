/** Devices: a signed-in user's phones and tablets and the push tokens that reach them. */
package app.hearth.adapters.devices;
