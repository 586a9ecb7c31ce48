/**
 * How every event processor runs: claims that move between nodes, dead letters per processing group, one-at-a-time
 * retries (ADR 0024).
 */
package app.hearth.adapters.shared.axon.processing;
