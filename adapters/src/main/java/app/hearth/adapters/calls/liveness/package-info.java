/** The heartbeat board of calls in each node's memory, shared between nodes by batched NOTIFY payloads. */
package app.hearth.adapters.calls.liveness;
