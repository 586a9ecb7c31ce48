/** Ratings' scheduled pass: computing again the ratings of companions whose oldest rating left the window. */
package app.hearth.adapters.ratings.jobs;
