/** Spring wiring of chat's use cases to their ports. */
package app.hearth.adapters.chat.config;
