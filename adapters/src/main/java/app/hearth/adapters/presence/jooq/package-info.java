/** The {@code companion_presence} table: presence facts and the state derived from them. */
package app.hearth.adapters.presence.jooq;
