/** The persistent deadline store on PostgreSQL and the poller that fires due deadlines on one node at a time. */
package app.hearth.adapters.shared.deadlines;
