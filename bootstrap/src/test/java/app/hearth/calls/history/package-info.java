/** Integration tests of the calls' read side: the projection and its queries, the REST routes, the metrics. */
package app.hearth.calls.history;
