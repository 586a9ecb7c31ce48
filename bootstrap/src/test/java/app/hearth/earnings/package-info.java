/** Integration tests of the Earning Coins ledger through HTTP on the real PostgreSQL, and its audit. */
package app.hearth.earnings;
