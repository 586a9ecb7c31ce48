/** Money-in use cases: wallets, metering for calls and chat, payment events from providers, pending purchases. */
package app.hearth.application.money;
