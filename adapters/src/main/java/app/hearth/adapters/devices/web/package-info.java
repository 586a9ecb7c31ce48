/** REST for a signed-in user's own devices and push tokens. */
package app.hearth.adapters.devices.web;
