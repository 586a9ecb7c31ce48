package app.hearth.application.money.payments;

import app.hearth.domain.money.payments.PaymentEnvironment;
import java.time.Instant;
import java.util.List;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/**
 * Payment events a person must look at, one per subject (a fact's dedupe key, or a notification that could not
 * be read). Parking again updates the reason; a fact applied later resolves its row.
 */
@SecondaryPort
public interface ParkedPaymentEvents {

    /** A parked event; {@code environment} as its notification said (ADR 0032), null when not read. */
    record Parked(long parkedId, String subject, String dedupeKey, String provider, String providerEventId,
                  String memberId, String reason, Instant parkedAt, PaymentEnvironment environment) {

        public Parked(long parkedId, String subject, String dedupeKey, String provider, String providerEventId,
                      String memberId, String reason, Instant parkedAt) {
            this(parkedId, subject, dedupeKey, provider, providerEventId, memberId, reason, parkedAt, null);
        }
    }

    void park(String subject, String dedupeKey, String provider, String providerEventId, String memberId,
              String reason, Instant at);

    void resolve(String subject, Instant at);

    /** Open (unresolved) parked events, newest first, before a parked id. */
    List<Parked> open(Long beforeParkedId, int limit);
}
