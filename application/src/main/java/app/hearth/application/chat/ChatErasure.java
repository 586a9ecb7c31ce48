package app.hearth.application.chat;

import java.time.Instant;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** Drops a closing member's ids from chat's rows, keeping their conversations for the companions (ADR 0050). */
@SecondaryPort
public interface ChatErasure {

    /**
     * In the caller's transaction: each conversation of {@code memberId} becomes a former member's (its member id and
     * the sender id of the member's messages become {@code pseudonym}, the texts stay for the companion), each
     * companion's change counter moves so that their catch-up sees it, and the member's own change counter is
     * forgotten. Returns how many conversations changed (0 when closing again).
     */
    int eraseMember(String memberId, String pseudonym, Instant at);
}
