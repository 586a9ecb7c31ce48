/** Integration tests of device registration and the incoming-call push against faked APNs and FCM. */
package app.hearth.devices;
