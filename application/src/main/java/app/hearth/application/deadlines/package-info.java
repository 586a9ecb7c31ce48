/** Persistent deadlines: what must happen at a time, kept in the database so that no restart loses it. */
package app.hearth.application.deadlines;
