/** The access feature's scheduled passes: publishing queued role claims to the identity provider. */
package app.hearth.adapters.access.jobs;
