/** REST endpoints for auditors: replay one earnings account from the event store and compare it. */
package app.hearth.adapters.web.audit;
