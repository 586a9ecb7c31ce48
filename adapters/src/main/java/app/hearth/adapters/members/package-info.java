/** Members: their profiles, the identities they sign in with, their data export and closing their account. */
package app.hearth.adapters.members;
