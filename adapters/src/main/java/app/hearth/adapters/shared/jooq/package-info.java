/** jOOQ plumbing: Spring transactions, batched writes of projections, the provider-inbox store, generated tables. */
package app.hearth.adapters.shared.jooq;
