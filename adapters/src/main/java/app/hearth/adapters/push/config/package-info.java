/** Spring wiring of the incoming-call push and its providers, or a log when a provider is off. */
package app.hearth.adapters.push.config;
