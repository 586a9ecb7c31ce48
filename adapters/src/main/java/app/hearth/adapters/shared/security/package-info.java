/** Who is calling: bearer tokens from Firebase in production or the local issuer, mapped to a Hearth actor. */
package app.hearth.adapters.shared.security;
