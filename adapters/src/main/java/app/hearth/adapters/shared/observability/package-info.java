/**
 * Seeing Hearth run (ADR 0045): event processors' lag and dead letters in health and Prometheus, command and append
 * latencies, and a trace id carried from a request through its command and events into the processors' logs.
 */
package app.hearth.adapters.shared.observability;
