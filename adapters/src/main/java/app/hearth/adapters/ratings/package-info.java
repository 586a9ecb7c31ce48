/** Ratings: members rate companions, the companion's rating kept current on their record, review cases staff read. */
package app.hearth.adapters.ratings;
