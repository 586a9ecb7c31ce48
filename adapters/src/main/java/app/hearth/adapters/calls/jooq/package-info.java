/** jOOQ persistence of the calls' read model: its projection of the call events, its queries and its metrics. */
package app.hearth.adapters.calls.jooq;
