package app.hearth.application.money.experiments;

import app.hearth.application.money.PurchaseListener;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.access.Actor;
import app.hearth.domain.money.experiments.PaywallExperiment;
import app.hearth.domain.money.experiments.PaywallVariant;
import app.hearth.domain.shared.RuleViolation;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Experiments in the store; assignment is deterministic and recorded at first exposure, so it sticks. */
public class PaywallExperimentsService implements PaywallExperiments, PurchaseListener {

    public static final String NOT_FOUND = "EXPERIMENT_NOT_FOUND";
    public static final String FORBIDDEN = "EXPERIMENTS_FORBIDDEN";
    private static final System.Logger log = System.getLogger(PaywallExperimentsService.class.getName());

    private final ExperimentStore store;
    private final Transactions transactions;
    private final Clock clock;

    public PaywallExperimentsService(ExperimentStore store, Transactions transactions, Clock clock) {
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public PaywallExperiment start(Actor actor, String placement, String name, List<PaywallVariant> variants) {
        requireAdministrator(actor);
        var experiment = new PaywallExperiment(UUID.randomUUID().toString(), placement, name, variants, true,
                clock.instant(), null);
        if (!transactions.inTransaction(() -> store.start(experiment, actor.recorded()))) {
            throw RuleViolation.conflict("EXPERIMENT_ALREADY_RUNNING", "an experiment already runs on placement "
                    + experiment.placement() + "; stop it first");
        }
        log.log(System.Logger.Level.INFO, "{0} started paywall experiment {1} on {2} with {3} variants",
                actor.recorded(), experiment.experimentId(), experiment.placement(), variants.size());
        return experiment;
    }

    @Override
    public PaywallExperiment stop(Actor actor, String experimentId) {
        requireAdministrator(actor);
        return transactions.inTransaction(() -> {
            var stopped = find(experimentId).stop(clock.instant());
            store.stop(experimentId, stopped.stoppedAt());
            return stopped;
        });
    }

    @Override
    public List<PaywallExperiment> list(Actor actor) {
        requireAdministrator(actor);
        return store.list();
    }

    @Override
    public Paywall paywall(Actor member, String placement) {
        RuleViolation.requireText(placement, "placement");
        var running = store.runningOn(placement);
        if (running.isEmpty()) {
            return new Paywall(placement, null, null, List.of());
        }
        PaywallExperiment experiment = running.get();
        Instant now = clock.instant();
        String key = transactions.inTransaction(() -> {
            String assigned = store.assign(experiment.experimentId(), member.userId(),
                    experiment.variantFor(member.userId()).key(), now);
            store.append("exposure:" + UUID.randomUUID(), experiment.experimentId(), assigned, member.userId(),
                    "EXPOSED", null, null, null, now);
            return assigned;
        });
        PaywallVariant variant = experiment.variant(key).orElseThrow();
        return new Paywall(placement, experiment.experimentId(), variant.key(), variant.productIds());
    }

    @Override
    public void purchaseMade(String memberId, String productId, long amountCents, String currency,
                             String purchaseKey, Instant at) {
        transactions.run(() -> {
            for (PaywallExperiment experiment : store.runningShowing(productId)) {
                store.assignment(experiment.experimentId(), memberId)
                        .filter(key -> experiment.variant(key).map(v -> v.productIds().contains(productId))
                                .orElse(false))
                        .ifPresent(key -> store.append("purchase:" + experiment.experimentId() + ":" + purchaseKey,
                                experiment.experimentId(), key, memberId, "PURCHASED", productId, amountCents,
                                currency, at));
            }
        });
    }

    /** A purchase applied to a wallet counts for the experiments that showed its product to the member. */
    @Override
    public void purchased(String memberId, String productId, long amountCents, String currency, String purchaseKey,
                          Instant at) {
        purchaseMade(memberId, productId, amountCents, currency, purchaseKey, at);
    }

    @Override
    public Results results(Actor actor, String experimentId) {
        requireAdministrator(actor);
        return new Results(find(experimentId), store.results(experimentId));
    }

    private PaywallExperiment find(String experimentId) {
        return store.find(experimentId).orElseThrow(() -> RuleViolation.notFound(NOT_FOUND,
                "no experiment " + experimentId));
    }

    private static void requireAdministrator(Actor actor) {
        if (!actor.role().isAdministrator()) {
            throw RuleViolation.forbidden(FORBIDDEN, "only admins and superadmins run paywall experiments");
        }
    }
}
