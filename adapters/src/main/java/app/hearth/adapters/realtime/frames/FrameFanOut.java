package app.hearth.adapters.realtime.frames;

import java.util.Collection;

/**
 * Hands a frame, already written as JSON, to the other nodes, each of which delivers it to its own connections of
 * those users (adr/0046). Returns at once, never throws and never waits on the transport: a frame it cannot pass on
 * is dropped, counted and logged. This node's own connections are the caller's business.
 */
public interface FrameFanOut {

    /** Queues {@code message} for {@code userIds}' connections on the other nodes; false when it was dropped. */
    boolean publish(Collection<String> userIds, String message);
}
