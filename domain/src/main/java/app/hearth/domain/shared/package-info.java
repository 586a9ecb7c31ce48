/** Small building blocks every bounded context shares: rule violations, time zones and the idempotency index. */
package app.hearth.domain.shared;
