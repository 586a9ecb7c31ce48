/** Ratings through the HTTP API on the real database: calls and conversation-days rated, the companion's rating and its effects, review cases. */
package app.hearth.ratings;
