/** Paywall experiment use cases: define and stop experiments, show a member their variant, attribute purchases. */
package app.hearth.application.money.experiments;
