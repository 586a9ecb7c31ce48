/** REST endpoints of the Earning Coins ledger: balances, entries, penalties, reversals and corrections. */
package app.hearth.adapters.web.earnings;
