package app.hearth.application.presence;

import org.jmolecules.architecture.hexagonal.PrimaryPort;

/** The per-node wake-up of presence: what changes by time alone, and connections lost with their node (adr/0053). */
@PrimaryPort
public interface PresenceSweep {

    /** Derives again the companions whose facts are due, and drops connections recorded on nodes that are gone. */
    void sweep();

    /** Also drops connections recorded on nodes that have no heartbeat row at all (a rarer, wider look). */
    void sweepUnknownNodes();
}
