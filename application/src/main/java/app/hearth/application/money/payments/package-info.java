/** Payment events in: the inbox, facts counted once whoever reports them, purchasers resolved, pending claims. */
package app.hearth.application.money.payments;
