/** Integration tests of media: LiveKit's webhook as LiveKit's server sends it. */
package app.hearth.media;
