/** Metering for calls and chat: may a call start, holds of call time, and charges of chat messages. */
package app.hearth.application.money.metering;
