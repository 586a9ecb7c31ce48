/** The media server's webhook notifications in PostgreSQL ({@code media_event}), with jOOQ. */
package app.hearth.adapters.media.jooq;
