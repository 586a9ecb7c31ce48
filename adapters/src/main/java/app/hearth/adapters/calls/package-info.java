/**
 * Calls: members ring companions, both answer, beat and hang up, and every call is settled, watched and shown to
 * operators.
 */
package app.hearth.adapters.calls;
