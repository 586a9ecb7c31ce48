/** Wallets: opening them, the member's own view and movements, grants, migrations and applying payment facts. */
package app.hearth.application.money.wallet;
