/** Members' own data: the profile rules, the identifiers a member attaches for later claims, closing an account. */
package app.hearth.domain.members;
