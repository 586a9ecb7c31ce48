/** jOOQ plumbing: Spring transactions for the application, batched writes of projections, and the generated tables. */
package app.hearth.adapters.shared.jooq;
