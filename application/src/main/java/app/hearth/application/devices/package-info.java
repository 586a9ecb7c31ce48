/** Device registration use cases: each signed-in user keeps the list of their own devices and push tokens. */
package app.hearth.application.devices;
