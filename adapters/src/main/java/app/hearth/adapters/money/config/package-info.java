/** Spring wiring of the money-in use cases shared by its parts (catalog, wallets, metering, payment application). */
package app.hearth.adapters.money.config;
