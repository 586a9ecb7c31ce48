/** Push notifications: ringing every device of a callee through APNs VoIP and FCM, and dropping dead tokens. */
package app.hearth.application.push;
