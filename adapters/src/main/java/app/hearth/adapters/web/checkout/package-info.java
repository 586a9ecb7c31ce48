/** REST for starting a checkout. */
package app.hearth.adapters.web.checkout;
