/** Spring wiring of the payment pipeline, its webhook authentication and operators' views. */
package app.hearth.adapters.money.payments.config;
