/** Checks of the shared Axon set-up: stored events pinned by golden samples, and every command of a shell handled. */
package app.hearth.adapters.shared.axon;
