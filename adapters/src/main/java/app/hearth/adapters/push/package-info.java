/** Push: waking a phone for an incoming call, alerting an absent user of a chat message, and their settings. */
package app.hearth.adapters.push;
