/** What every use case shares: transactions and cursor pages. */
package app.hearth.application.shared;
