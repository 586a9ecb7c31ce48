package app.hearth.application.realtime;

import org.jmolecules.architecture.hexagonal.SecondaryPort;

/**
 * Whether a user holds a live real-time connection on any node (adr/0049): this node's connections at once, the
 * others' as their nodes recorded them (a node whose heartbeat is older than 60 s counts as gone). A connection
 * opened a moment ago on another node may not be seen yet. Throws when the record cannot be read.
 */
@SecondaryPort
public interface LiveConnections {

    boolean isConnected(String userId);
}
