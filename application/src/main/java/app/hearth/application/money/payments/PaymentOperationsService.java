package app.hearth.application.money.payments;

import app.hearth.application.shared.Cursors;
import app.hearth.application.shared.Page;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.money.payments.PaymentEnvironment;
import app.hearth.domain.shared.RuleViolation;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.ToLongFunction;

/** Operators' views of the payment pipeline; admins and superadmins only, checked again here. */
public class PaymentOperationsService implements PaymentOperations {

    private static final String FACTS = "payment-facts";
    private static final String PARKED = "parked-payment-events";
    private static final String PENDING = "pending-purchases";
    static final int MAX_AGE_DAYS = 3650;

    private final PaymentFacts facts;
    private final ParkedPaymentEvents parked;
    private final PendingPurchases pending;
    private final Clock clock;
    private final PaymentInbox inbox;
    private final PaymentEnvironment environment;

    public PaymentOperationsService(PaymentFacts facts, ParkedPaymentEvents parked, PendingPurchases pending,
                                    Clock clock, PaymentInbox inbox, PaymentEnvironment environment) {
        this.inbox = inbox;
        this.environment = environment;
        this.facts = facts;
        this.parked = parked;
        this.pending = pending;
        this.clock = clock;
    }

    @Override
    public Page<PaymentFacts.Fact> memberPayments(Actor actor, String memberId, String cursor, int limit) {
        requireOperator(actor);
        RuleViolation.requireText(memberId, "memberId");
        int size = Cursors.limit(limit);
        var items = facts.ofMember(memberId, Cursors.decodeLong(FACTS, cursor), size + 1);
        return page(items, size, FACTS, PaymentFacts.Fact::factId);
    }

    @Override
    public Page<ParkedPaymentEvents.Parked> parkedEvents(Actor actor, String cursor, int limit) {
        requireOperator(actor);
        int size = Cursors.limit(limit);
        var items = parked.open(Cursors.decodeLong(PARKED, cursor), size + 1);
        return page(items, size, PARKED, ParkedPaymentEvents.Parked::parkedId);
    }

    @Override
    public PaymentInbox.Lag applicationLag(Actor actor) {
        requireOperator(actor);
        return inbox.lag(environment);
    }

    @Override
    public Page<PendingPurchases.Pending> pendingPurchases(Actor actor, Integer olderThanDays, String cursor,
                                                           int limit) {
        requireOperator(actor);
        int days = olderThanDays == null ? DEFAULT_PENDING_AGE_DAYS : olderThanDays;
        if (days < 0 || days > MAX_AGE_DAYS) {
            throw RuleViolation.invalid("INVALID_AGE", "olderThanDays", "olderThanDays is 0 to " + MAX_AGE_DAYS);
        }
        int size = Cursors.limit(limit);
        var items = pending.unclaimedBefore(clock.instant().minus(Duration.ofDays(days)),
                Cursors.decodeLong(PENDING, cursor), size + 1);
        return page(items, size, PENDING, PendingPurchases.Pending::pendingId);
    }

    private static <T> Page<T> page(List<T> fetched, int size, String tag, ToLongFunction<T> position) {
        if (fetched.size() <= size) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, size);
        return new Page<>(items, Cursors.encode(tag, Long.toString(position.applyAsLong(items.getLast()))));
    }

    private static void requireOperator(Actor actor) {
        if (actor.role() != Role.ADMIN && actor.role() != Role.SUPERADMIN) {
            throw RuleViolation.forbidden(ACCESS_DENIED, "only admins read payment events");
        }
    }
}
