/** The payments' scheduled passes: claiming pending purchases and reconciling Stripe's events. */
package app.hearth.adapters.money.payments.jobs;
