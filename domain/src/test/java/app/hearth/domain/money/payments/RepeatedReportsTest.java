package app.hearth.domain.money.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Two reports of one fact: the first stands, the later one fills its gaps. */
class RepeatedReportsTest {

    private static final Instant AT = Instant.parse("2026-08-01T12:00:00Z");

    @Test
    void aLaterReportFillsOnlyTheGapsOfTheFirst() {
        var first = new PaymentEvent("adapty", "evt-a", PaymentEventKind.SUBSCRIPTION_STARTED, Store.STRIPE, "in_1",
                null, null, 0, null, AT, null, new PurchaserKeys(null, "prof-1", null, null));
        var later = new PaymentEvent("stripe", "evt-s", PaymentEventKind.SUBSCRIPTION_STARTED, Store.STRIPE, "in_1",
                "sub_1", "price_1", 1499, "USD", AT.plusSeconds(5), AT.plusSeconds(86_400),
                new PurchaserKeys("member-1", "prof-2", "cus_1", "a@example.org"));

        var merged = RepeatedReports.merge(first, later);

        assertThat(merged).isEqualTo(new PaymentEvent("adapty", "evt-a", PaymentEventKind.SUBSCRIPTION_STARTED,
                Store.STRIPE, "in_1", "sub_1", "price_1", 1499, "USD", AT, AT.plusSeconds(86_400),
                new PurchaserKeys("member-1", "prof-1", "cus_1", "a@example.org")));
        assertThat(merged.dedupeKey()).isEqualTo(first.dedupeKey());
    }

    @Test
    void aReportThatSaysNothingNewChangesNothing() {
        var first = new PaymentEvent("stripe", "evt-1", PaymentEventKind.ONE_TIME_PURCHASE, Store.STRIPE, "pi_1",
                null, "price_1", 999, "USD", AT, null, new PurchaserKeys("member-1", null, null, null));
        var copy = new PaymentEvent("stripe", "evt-2", PaymentEventKind.ONE_TIME_PURCHASE, Store.STRIPE, "pi_1",
                null, null, 0, null, AT.plusSeconds(1), null, new PurchaserKeys(null, null, null, null));

        assertThat(RepeatedReports.merge(first, copy)).isEqualTo(first);
    }
}
