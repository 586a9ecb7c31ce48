/** What the event store costs: time-ordered event ids and one round trip per command's events (ADR 0044). */
package app.hearth.eventstore;
