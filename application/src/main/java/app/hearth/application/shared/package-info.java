/** What every use case shares: transactions, cursor pages and retrying a race lost to a concurrent change. */
package app.hearth.application.shared;
