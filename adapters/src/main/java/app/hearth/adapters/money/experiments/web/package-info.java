/** REST for paywall experiments: admins define them and read results; members get their paywall. */
package app.hearth.adapters.money.experiments.web;
