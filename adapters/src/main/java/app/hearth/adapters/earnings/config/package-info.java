/** Spring wiring of the earnings ledger's use cases and its audit to their ports. */
package app.hearth.adapters.earnings.config;
