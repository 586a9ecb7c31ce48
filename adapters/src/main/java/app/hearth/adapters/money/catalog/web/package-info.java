/** REST for the catalog: its versions and products, published and read. */
package app.hearth.adapters.money.catalog.web;
