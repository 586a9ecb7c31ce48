package app.hearth.domain.money.experiments;

import app.hearth.domain.shared.RuleViolation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import org.jmolecules.ddd.annotation.AggregateRoot;
import org.jmolecules.ddd.annotation.Identity;

/**
 * A paywall experiment on one placement (for example {@code onboarding} or {@code out_of_tokens}): weighted
 * variants, each a set of products. A member's variant is a pure function of the experiment and the member
 * ({@link #variantFor}), so every node gives the same answer; it is also recorded at first exposure, so it stays
 * the member's even if the weights change later.
 */
@AggregateRoot
public record PaywallExperiment(@Identity String experimentId, String placement, String name,
                                List<PaywallVariant> variants, boolean running, Instant startedAt,
                                Instant stoppedAt) {

    public static final String INVALID = "INVALID_EXPERIMENT";

    public PaywallExperiment {
        RuleViolation.requireText(experimentId, "experimentId");
        placement = RuleViolation.requireText(placement, "placement").strip();
        if (!placement.matches("[a-z0-9_]{1,40}")) {
            throw RuleViolation.invalid(INVALID, "placement", "a placement is 1 to 40 lower-case letters, digits "
                    + "or '_'");
        }
        name = RuleViolation.requireText(name, "name").strip();
        if (variants == null || variants.isEmpty()) {
            throw RuleViolation.invalid(INVALID, "variants", "an experiment has at least one variant");
        }
        variants = List.copyOf(variants);
        var keys = new HashSet<String>();
        for (PaywallVariant variant : variants) {
            if (!keys.add(variant.key())) {
                throw RuleViolation.invalid(INVALID, "variants.key", "variant " + variant.key() + " is listed twice");
            }
        }
        RuleViolation.require(startedAt, "startedAt");
    }

    public int totalWeight() {
        return variants.stream().mapToInt(PaywallVariant::weight).sum();
    }

    /**
     * The variant of {@code memberId}: the first eight bytes of SHA-256(experiment id, member id) as an unsigned
     * number, modulo the total weight, picks a bucket; variants own consecutive buckets in their order.
     */
    public PaywallVariant variantFor(String memberId) {
        RuleViolation.requireText(memberId, "memberId");
        long bucket = Long.remainderUnsigned(hash(experimentId + "\n" + memberId), totalWeight());
        long upTo = 0;
        for (PaywallVariant variant : variants) {
            upTo += variant.weight();
            if (bucket < upTo) {
                return variant;
            }
        }
        throw new AssertionError("bucket " + bucket + " beyond the total weight");
    }

    public java.util.Optional<PaywallVariant> variant(String key) {
        return variants.stream().filter(variant -> variant.key().equals(key)).findFirst();
    }

    public PaywallExperiment stop(Instant at) {
        if (!running) {
            throw RuleViolation.conflict("EXPERIMENT_NOT_RUNNING", "experiment " + experimentId + " has stopped");
        }
        return new PaywallExperiment(experimentId, placement, name, variants, false, startedAt, at);
    }

    private static long hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (digest[i] & 0xff);
            }
            return value;
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
