/** Plumbing shared by every feature's adapters; nothing in it knows a feature's rules. */
package app.hearth.adapters.shared;
