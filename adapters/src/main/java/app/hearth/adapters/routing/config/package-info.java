/** Spring wiring of routing and of the calls' routing for anyone. */
package app.hearth.adapters.routing.config;
