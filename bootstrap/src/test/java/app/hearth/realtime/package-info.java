/** The real-time WebSocket and the sharing of signals and heartbeats between nodes, end to end. */
package app.hearth.realtime;
