/** Push: waking a member's or companion's phone for an incoming call. */
package app.hearth.adapters.push;
