package app.hearth.application.money.payments;

import java.time.Instant;
import java.util.List;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/**
 * Payment events a person must look at, one per subject (a fact's dedupe key, or a notification that could not
 * be read). Parking again updates the reason; a fact applied later resolves its row.
 */
@SecondaryPort
public interface ParkedPaymentEvents {

    record Parked(long parkedId, String subject, String dedupeKey, String provider, String providerEventId,
                  String memberId, String reason, Instant parkedAt) {
    }

    void park(String subject, String dedupeKey, String provider, String providerEventId, String memberId,
              String reason, Instant at);

    void resolve(String subject, Instant at);

    /** Open (unresolved) parked events, newest first, before a parked id. */
    List<Parked> open(Long beforeParkedId, int limit);
}
