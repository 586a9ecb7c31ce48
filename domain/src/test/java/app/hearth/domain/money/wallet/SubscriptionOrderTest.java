package app.hearth.domain.money.wallet;

import static app.hearth.domain.money.wallet.WalletFixtures.BASIC;
import static app.hearth.domain.money.wallet.WalletFixtures.T0;
import static app.hearth.domain.money.wallet.WalletFixtures.subscription;
import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.payments.PaymentEventKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reliability test #3, the order part: providers deliver late, twice and out of order. Every one of the 24 orders
 * of four events of one subscription ends in the provider's final state, and a second delivery of any of them
 * changes nothing.
 */
class SubscriptionOrderTest {

    private static final Instant FIRST_END = T0.plus(Duration.ofDays(30));
    private static final Instant SECOND_END = T0.plus(Duration.ofDays(60));

    private static final List<WalletCommand> EVENTS = List.of(
            subscription(PaymentEventKind.SUBSCRIPTION_STARTED, "s1", "s1", BASIC, T0, FIRST_END),
            subscription(PaymentEventKind.SUBSCRIPTION_RENEWED, "s1-r", "s1", BASIC, FIRST_END, SECOND_END),
            subscription(PaymentEventKind.SUBSCRIPTION_CANCELLED, "s1-c", "s1", BASIC,
                    FIRST_END.plus(Duration.ofDays(10)), SECOND_END),
            subscription(PaymentEventKind.SUBSCRIPTION_EXPIRED, "s1-e", "s1", BASIC, SECOND_END, null));

    @Test
    void everyOrderOfFourSubscriptionEventsEndsInTheProvidersFinalState() {
        List<List<Integer>> orders = permutations(List.of(0, 1, 2, 3));
        assertThat(orders).hasSize(24);
        for (List<Integer> order : orders) {
            var wallet = WalletFixtures.Driver.open(MonetizationVersion.V2_TIERS, "UTC");
            for (int index : order) {
                wallet.run(EVENTS.get(index));
            }
            var subscription = wallet.wallet().subscriptions().get("APP_STORE:s1");
            assertThat(subscription.status()).as("order %s", order).isEqualTo(SubscriptionStatus.EXPIRED);
            assertThat(subscription.newestProviderTime()).as("order %s", order).isEqualTo(SECOND_END);
            assertThat(wallet.view(SECOND_END).tier().status()).as("order %s", order)
                    .isEqualTo(SubscriptionStatus.EXPIRED);

            int events = wallet.events.size();
            for (int index : order) {
                assertThat(wallet.run(EVENTS.get(index))).as("again %s in order %s", index, order).isEmpty();
            }
            assertThat(wallet.events).hasSize(events);
        }
    }

    @Test
    void withoutTheExpiryEveryOrderEndsCancelledAtTheSecondPeriodEnd() {
        for (List<Integer> order : permutations(List.of(0, 1, 2))) {
            var wallet = WalletFixtures.Driver.open(MonetizationVersion.V2_TIERS, "UTC");
            for (int index : order) {
                wallet.run(EVENTS.get(index));
            }
            var subscription = wallet.wallet().subscriptions().get("APP_STORE:s1");
            assertThat(subscription.status()).as("order %s", order)
                    .isEqualTo(SubscriptionStatus.CANCELLED_AT_PERIOD_END);
            assertThat(subscription.periodEnd()).as("order %s", order).isEqualTo(SECOND_END);
        }
    }

    private static List<List<Integer>> permutations(List<Integer> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        var all = new ArrayList<List<Integer>>();
        for (Integer first : items) {
            var rest = new ArrayList<>(items);
            rest.remove(first);
            for (List<Integer> tail : permutations(rest)) {
                var order = new ArrayList<Integer>();
                order.add(first);
                order.addAll(tail);
                all.add(order);
            }
        }
        return all;
    }
}
