/** Spring wiring of presence: the service, its store, the sweeper and {@code hearth.presence.*}. */
package app.hearth.adapters.presence.config;
