/** Operators' views of payment events: a member's payments, parked events, unclaimed pending purchases. */
package app.hearth.adapters.money.payments.web;
