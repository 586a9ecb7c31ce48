/** Integration tests of members' own data: profile, identities, export, closing an account, isolation. */
package app.hearth.members;
