/** REST for the member's own wallet and the migrations between monetization versions. */
package app.hearth.adapters.money.wallet.web;
