package app.hearth.application.money.experiments;

import app.hearth.domain.access.Actor;
import app.hearth.domain.money.experiments.PaywallExperiment;
import app.hearth.domain.money.experiments.PaywallVariant;
import java.time.Instant;
import java.util.List;
import org.jmolecules.architecture.hexagonal.PrimaryPort;

/** A/B-tested paywalls: admins define experiments per placement; members see their variant; purchases count. */
@PrimaryPort
public interface PaywallExperiments {

    /** What a member is shown on a placement: the experiment and variant, or none when nothing runs there. */
    record Paywall(String placement, String experimentId, String variantKey, List<String> productIds) {
    }

    /** An experiment's figures per variant: conversion = purchasing members / exposed members. */
    record Results(PaywallExperiment experiment, List<ExperimentStore.VariantResult> variants) {
    }

    PaywallExperiment start(Actor actor, String placement, String name, List<PaywallVariant> variants);

    PaywallExperiment stop(Actor actor, String experimentId);

    List<PaywallExperiment> list(Actor actor);

    /** The member's paywall on {@code placement}; records an exposure when an experiment runs there. */
    Paywall paywall(Actor member, String placement);

    /**
     * A member bought {@code productId}: counted for every running experiment that exposed them to a variant
     * showing it. Idempotent on {@code purchaseKey} (the payment fact's key).
     */
    void purchaseMade(String memberId, String productId, long amountCents, String currency, String purchaseKey,
                      Instant at);

    Results results(Actor actor, String experimentId);
}
