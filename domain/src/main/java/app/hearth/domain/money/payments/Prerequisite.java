package app.hearth.domain.money.payments;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.jmolecules.ddd.annotation.ValueObject;

/**
 * The fact another payment fact cannot be applied without (ADR 0031): a refund needs the purchase it refunds (the
 * same store and transaction: a one-time purchase, a subscription's start or a renewal); a renewal needs its
 * subscription's start (the same store, its original transaction being the start's transaction or original). Until
 * that fact is applied, the dependent one waits with {@link #code()}, and is applied with it.
 *
 * @param need  what is missing
 * @param store the store both facts are of
 * @param names the transaction ids that name the missing fact
 */
@ValueObject
public record Prerequisite(Need need, Store store, Set<String> names) {

    /** What a waiting fact waits for; its {@link #code()} is the waiting fact's status. */
    public enum Need {
        PURCHASE("AWAITING_PURCHASE"),
        SUBSCRIPTION_START("AWAITING_SUBSCRIPTION_START");

        private final String code;

        Need(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public Prerequisite {
        names = Set.copyOf(names);
    }

    /** What {@code event} needs, if anything. */
    public static Optional<Prerequisite> of(PaymentEvent event) {
        return switch (event.kind()) {
            case REFUNDED -> {
                Set<String> names = transactionNames(event);
                yield names.isEmpty() ? Optional.empty()
                        : Optional.of(new Prerequisite(Need.PURCHASE, event.store(), names));
            }
            case SUBSCRIPTION_RENEWED -> event.originalTransactionId() == null
                    || event.originalTransactionId().equals(event.transactionId()) ? Optional.empty()
                    : Optional.of(new Prerequisite(Need.SUBSCRIPTION_START, event.store(),
                            Set.of(event.originalTransactionId())));
            default -> Optional.empty();
        };
    }

    /** Whether {@code candidate} is the fact this one waits for. */
    public boolean satisfiedBy(PaymentEvent candidate) {
        if (candidate.store() != store) {
            return false;
        }
        return switch (need) {
            case PURCHASE -> switch (candidate.kind()) {
                case ONE_TIME_PURCHASE, SUBSCRIPTION_STARTED, SUBSCRIPTION_RENEWED ->
                        names.contains(candidate.transactionId());
                default -> false;
            };
            case SUBSCRIPTION_START -> candidate.kind() == PaymentEventKind.SUBSCRIPTION_STARTED
                    && (names.contains(candidate.transactionId())
                    || names.contains(candidate.originalTransactionId()));
        };
    }

    /** The status and reason code of a fact waiting for this: {@code AWAITING_PURCHASE}, … */
    public String code() {
        return need.code();
    }

    /** Why the fact waits, for operators. */
    public String reason() {
        String what = need == Need.PURCHASE ? "its purchase" : "its subscription's start";
        return need.code() + ": waits for " + what + " (" + store.name() + " " + String.join(" or ",
                names.stream().sorted().toList()) + "), not received or not applied yet; applied when it is";
    }

    /**
     * The names under which facts that may wait for each other meet ({@code STORE:transaction}): those of the
     * fact's own transactions. Facts with a name in common are processed one at a time.
     */
    public static Set<String> meetingNames(PaymentEvent event) {
        Set<String> meeting = new LinkedHashSet<>();
        for (String name : transactionNames(event)) {
            meeting.add(event.store().name() + ":" + name);
        }
        return meeting;
    }

    /** The ids {@code event}'s own transaction goes by: its transaction id and its original transaction id. */
    public static Set<String> transactionNames(PaymentEvent event) {
        Set<String> names = new LinkedHashSet<>();
        if (event.transactionId() != null) {
            names.add(event.transactionId());
        }
        if (event.originalTransactionId() != null) {
            names.add(event.originalTransactionId());
        }
        return names;
    }
}
