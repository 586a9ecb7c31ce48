/** The real-time WebSocket endpoint: bearer-token handshake, one user's open connections, pings and expiry. */
package app.hearth.adapters.realtime.websocket;
