/**
 * How every event processor runs: claims that move between nodes, a dead-letter queue per processing group, and a
 * failed batch retried one event at a time so that only the event that fails waits (ADR 0024).
 */
package app.hearth.adapters.axon.processing;
