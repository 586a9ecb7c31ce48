/** Spring wiring of the calls' use cases (placing, answering, watching, history) to their ports. */
package app.hearth.adapters.calls.config;
