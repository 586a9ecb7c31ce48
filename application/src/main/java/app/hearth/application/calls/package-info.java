/** Calls as their users and operators see them: requests, answers, heartbeats, signals, history and live figures. */
package app.hearth.application.calls;
