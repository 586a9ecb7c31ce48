/** Ratings' REST routes: rating a call or a conversation-day, a companion's own summary, the moderation cases. */
package app.hearth.adapters.ratings.web;
