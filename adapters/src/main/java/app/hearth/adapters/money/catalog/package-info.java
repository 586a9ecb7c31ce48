/** The catalog: the products of each monetization version and their prices. */
package app.hearth.adapters.money.catalog;
