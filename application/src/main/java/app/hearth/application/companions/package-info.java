/** Companion and team use cases: invitations, profiles, the public listing, suspensions and team moves. */
package app.hearth.application.companions;
