/** Tests of paywall experiments through the API. */
package app.hearth.money.experiments;
