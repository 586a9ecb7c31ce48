/** Seeing Hearth run (ADR 0045): processors in health and Prometheus, latencies, traces through logs. */
package app.hearth.observability;
