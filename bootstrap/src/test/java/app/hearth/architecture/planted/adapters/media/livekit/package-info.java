/** A planted provider client of the planted media feature. */
package app.hearth.architecture.planted.adapters.media.livekit;
