/** Ratings' use cases: members rate completed calls and conversation-days, the companion's rating kept current on their record, review cases opened by low ratings and read by staff. */
package app.hearth.application.ratings;
