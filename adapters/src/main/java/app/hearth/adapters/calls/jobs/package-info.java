/** The calls' scheduled passes: the watchdog that ends calls whose sides stopped beating. */
package app.hearth.adapters.calls.jobs;
