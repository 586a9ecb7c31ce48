/** Spring wiring of the WebSocket endpoint and of the fan-out between nodes (NOTIFY or Redis, as configured). */
package app.hearth.adapters.realtime.config;
