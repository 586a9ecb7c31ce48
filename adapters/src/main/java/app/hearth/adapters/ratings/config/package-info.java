/** Spring wiring of ratings: the rules' numbers from configuration and the use cases. */
package app.hearth.adapters.ratings.config;
