/** What keeps an aggregate's state small and cheap to load: the idempotency records, snapshots, the committed cache. */
package app.hearth.adapters.shared.axon.state;
