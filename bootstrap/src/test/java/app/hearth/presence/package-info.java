/** Presence over HTTP and WebSocket: derived from shifts, connections, the app's reports, calls and conversations. */
package app.hearth.presence;
