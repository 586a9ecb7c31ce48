/** The versioned price lists of the three monetization versions and the provider ids each product is sold under. */
package app.hearth.domain.money.catalog;
