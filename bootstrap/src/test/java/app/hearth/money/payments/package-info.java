/** Tests of the payment pipeline: webhook authenticity, reading provider events, duplicates, pending claims. */
package app.hearth.money.payments;
