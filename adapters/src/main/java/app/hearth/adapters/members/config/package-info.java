/** Spring wiring of the members' use cases to their ports. */
package app.hearth.adapters.members.config;
