/** Push notifications: ringing a callee's devices, alerts through FCM, dead tokens dropped, users' settings. */
package app.hearth.application.push;
