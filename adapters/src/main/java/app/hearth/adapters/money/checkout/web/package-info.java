/** REST for starting a checkout. */
package app.hearth.adapters.money.checkout.web;
