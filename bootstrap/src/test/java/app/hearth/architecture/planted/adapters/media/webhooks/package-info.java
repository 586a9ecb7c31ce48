/** A planted webhook that uses a provider client directly instead of an application port. */
package app.hearth.architecture.planted.adapters.media.webhooks;
