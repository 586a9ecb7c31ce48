/** Ratings' rules: scores and tags, what may be rated and for how long, the companion's Bayesian rating and when a rating opens a review case. */
package app.hearth.domain.ratings;
