/** Web checkout: a member pays for a product on a provider's hosted page. */
package app.hearth.adapters.money.checkout;
