/** Spring wiring of the paywall experiments' use cases. */
package app.hearth.adapters.money.experiments.config;
