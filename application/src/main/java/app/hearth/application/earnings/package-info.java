/** Use cases of the Earning Coins ledger: credit, penalize, correct, read and audit companions' accounts. */
package app.hearth.application.earnings;
