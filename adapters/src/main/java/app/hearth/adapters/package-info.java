/** Everything that touches a framework or the outside world: HTTP, Axon, jOOQ, security, providers. */
package app.hearth.adapters;
