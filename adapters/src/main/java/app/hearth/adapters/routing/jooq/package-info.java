/** Routing's tables: the available companions' facts, the decisions' record and the waiting queue. */
package app.hearth.adapters.routing.jooq;
