/** The per-node presence sweeper: what changes by time alone, and connections lost with their node. */
package app.hearth.adapters.presence.jobs;
