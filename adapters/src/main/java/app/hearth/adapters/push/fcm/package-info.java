/** FCM data messages through firebase-admin. */
package app.hearth.adapters.push.fcm;
