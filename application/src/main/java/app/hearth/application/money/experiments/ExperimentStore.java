package app.hearth.application.money.experiments;

import app.hearth.domain.money.experiments.PaywallExperiment;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** Where experiments, members' variants and experiment events are kept. */
@SecondaryPort
public interface ExperimentStore {

    /** One variant's figures. Revenue per currency, in the smallest unit. */
    record VariantResult(String variantKey, long exposedMembers, long purchasingMembers, long purchases,
                         java.util.Map<String, Long> revenueCents) {
    }

    /** Records a new experiment; false when another one is already running on its placement. */
    boolean start(PaywallExperiment experiment, String createdBy);

    Optional<PaywallExperiment> find(String experimentId);

    Optional<PaywallExperiment> runningOn(String placement);

    /** Every running experiment one of whose variants shows {@code productId}. */
    List<PaywallExperiment> runningShowing(String productId);

    List<PaywallExperiment> list();

    void stop(String experimentId, Instant at);

    /** The member's recorded variant; records {@code variantKey} first if they have none (first writer wins). */
    String assign(String experimentId, String memberId, String variantKey, Instant at);

    Optional<String> assignment(String experimentId, String memberId);

    /** Appends an event; an event id seen before is ignored (false). */
    boolean append(String eventId, String experimentId, String variantKey, String memberId, String kind,
                   String productId, Long amountCents, String currency, Instant at);

    List<VariantResult> results(String experimentId);
}
