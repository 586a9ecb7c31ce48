package app.hearth.application.calls;

import java.util.Collection;
import java.util.Set;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/**
 * Who is on a call right now, kept strongly consistent with the calls themselves: a participant's line is claimed in
 * the transaction that requests the call and released in the one that ends it. A member or a companion is on at most
 * one call at a time: this is what makes a companion in a call "busy".
 */
@SecondaryPort
public interface CallLines {

    /** Claims {@code userId}'s line for {@code callId}; false when they are on another call. */
    boolean claim(String userId, String callId);

    /** Releases every line {@code callId} holds. */
    void release(String callId);

    /** Of {@code userIds}, those on a call. */
    Set<String> busy(Collection<String> userIds);
}
