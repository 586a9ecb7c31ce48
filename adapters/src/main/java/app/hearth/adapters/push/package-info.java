/** Push providers: APNs VoIP pushes through Pushy, FCM data messages through firebase-admin, or a log when off. */
package app.hearth.adapters.push;
