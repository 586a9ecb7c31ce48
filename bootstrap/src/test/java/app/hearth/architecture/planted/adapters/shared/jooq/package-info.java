/** Planted shared plumbing, which every planted feature may use. */
package app.hearth.architecture.planted.adapters.shared.jooq;
