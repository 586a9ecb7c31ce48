/** APNs VoIP pushes through Pushy. */
package app.hearth.adapters.push.apns;
