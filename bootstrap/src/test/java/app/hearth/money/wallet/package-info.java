/** Integration tests of wallets: API, metering, payment routing, the V2 day, two nodes on one wallet. */
package app.hearth.money.wallet;
