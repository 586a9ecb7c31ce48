/** REST controllers of money-in: the catalog and the member's own wallet. */
package app.hearth.adapters.web.money;
