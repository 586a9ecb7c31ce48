/** The versioned catalog: publishing a new version, the current one, and products by any version's provider id. */
package app.hearth.application.money.catalog;
