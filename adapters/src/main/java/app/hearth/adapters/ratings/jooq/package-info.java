/** Ratings' tables through jOOQ: ratings, the companion's rating and its refresh time, moderation cases. */
package app.hearth.adapters.ratings.jooq;
