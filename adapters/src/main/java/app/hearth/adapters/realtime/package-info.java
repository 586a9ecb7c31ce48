/** Real time: signals to users' open WebSocket connections on every node. */
package app.hearth.adapters.realtime;
