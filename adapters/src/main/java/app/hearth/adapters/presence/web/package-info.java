/** Presence over REST: a companion's own presence and the staff's live board. */
package app.hearth.adapters.presence.web;
