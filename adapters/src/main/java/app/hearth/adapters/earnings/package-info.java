/**
 * Earnings: the companions' Earning Coins ledger, its corrections, penalties and reversals, and the auditors' replay of
 * it.
 */
package app.hearth.adapters.earnings;
