/** Spring wiring of the companions' and teams' use cases to their ports. */
package app.hearth.adapters.companions.config;
