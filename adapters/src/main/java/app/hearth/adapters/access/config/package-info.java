/** Spring wiring of the access use cases, the configured superadmins and the role-claim relay. */
package app.hearth.adapters.access.config;
