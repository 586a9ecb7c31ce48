/** What runs calls beside the web: the watchdog's timer, the deadline poller's wiring and the media-server facts. */
package app.hearth.adapters.calls;
