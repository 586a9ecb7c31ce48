/** The signed-in user's own data over HTTP, under {@code /api/v1/me}: profile, identities, export, closing. */
package app.hearth.adapters.members.web;
