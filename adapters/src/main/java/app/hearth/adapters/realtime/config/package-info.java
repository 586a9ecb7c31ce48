/** Spring wiring of the WebSocket endpoint and of the call signals' fan-out between nodes. */
package app.hearth.adapters.realtime.config;
