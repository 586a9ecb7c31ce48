/** Presence use cases and ports: the facts that decide whether a companion is available, and who is. */
package app.hearth.application.presence;
