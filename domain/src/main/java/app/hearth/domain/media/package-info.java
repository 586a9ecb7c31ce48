/** Media sessions as the media server reports them: who joined, left or dropped out of which room, and when. */
package app.hearth.domain.media;
