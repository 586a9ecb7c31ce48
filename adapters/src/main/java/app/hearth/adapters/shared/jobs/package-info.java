/** Work a node repeats on a timer of its own, started and stopped with the application. */
package app.hearth.adapters.shared.jobs;
