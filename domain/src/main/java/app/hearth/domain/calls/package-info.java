/** One audio or video call as an event-sourced decider: ringing, accepted, connected, ended, with its deadlines and billing. */
package app.hearth.domain.calls;
