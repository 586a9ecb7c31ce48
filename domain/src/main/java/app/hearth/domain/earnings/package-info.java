/**
 * The Earning Coins ledger of one companion: an event-sourced decider whose every entry carries the balance
 * after it and a SHA-256 hash chained to the previous entry, plus the multiplier and penalty policies.
 */
package app.hearth.domain.earnings;
