/** Paywall experiments: which paywall a member sees, and how each variant does. */
package app.hearth.adapters.money.experiments;
