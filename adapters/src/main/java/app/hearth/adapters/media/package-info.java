/** Media: the rooms calls talk in on the media server (LiveKit), joining them and hearing what happens in them. */
package app.hearth.adapters.media;
