/** A member's own data: their profile, the identities they attach, their export and closing their account. */
package app.hearth.application.members;
