/** Money coming in: what members buy (catalog), how providers report it (payments) and what it buys (wallets). */
package app.hearth.domain.money;
