/** REST endpoints of the Earning Coins ledger (balances, entries, penalties, reversals, corrections) and its audit. */
package app.hearth.adapters.earnings.web;
