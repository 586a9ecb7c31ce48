/**
 * The {@code UserFrames} port: frames written once and handed to users' live connections, on this node only or also
 * on the others through a {@code FrameFanOut}; and the check that warns when nodes cannot reach each other.
 */
package app.hearth.adapters.realtime.frames;
