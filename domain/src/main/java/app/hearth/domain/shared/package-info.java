/** Small building blocks every bounded context shares: rule violations and actors. */
package app.hearth.domain.shared;
