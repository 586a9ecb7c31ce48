/** The {@code UserFrames} port: frames written once and handed to users' live connections. */
package app.hearth.adapters.realtime.frames;
