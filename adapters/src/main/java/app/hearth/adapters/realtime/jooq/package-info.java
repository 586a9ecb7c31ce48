/** The record of which users hold a live connection on which node, in PostgreSQL, with each node's heartbeat. */
package app.hearth.adapters.realtime.jooq;
