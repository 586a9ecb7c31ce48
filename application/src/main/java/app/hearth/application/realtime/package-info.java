/** Ports of the real-time channel that several features share: frames to users' live connections. */
package app.hearth.application.realtime;
