package app.hearth.money.payments;

import static app.hearth.money.payments.Fixtures.stripeInvoice;
import static app.hearth.money.payments.PaymentsItSupport.assertOk;
import static app.hearth.money.payments.PaymentsItSupport.profile;
import static app.hearth.money.payments.PaymentsItSupport.stripePurchase;
import static app.hearth.money.payments.PaymentsItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.adapters.money.wallet.jooq.WalletProjection;
import app.hearth.application.money.wallet.Wallets;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.wallet.ConversionRule;
import app.hearth.support.Api;
import app.hearth.support.HearthNode;
import app.hearth.support.IntegrationTest;
import app.hearth.support.Projections;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * Appliers side by side (ADR 0043): node A applies with 4 workers, node B with 3, on one database, so the slots of
 * the order keys are shared unevenly and each slot's turn moves between nodes. While 8 members' 120 Stripe purchases
 * arrive at both nodes from 6 senders, 4 Stripe subscriptions each report their start and 5 renewals, in provider
 * order, alternately through node A and node B. Every purchase is applied exactly once (one fact, one
 * {@code TokensPurchased}, the balance), and every subscription fact is APPLIED: none waited for its start, none
 * came to its wallet after a later one (the wallet would say OUT_OF_ORDER), so each subscription's facts were applied
 * in provider order although recorded on two nodes and applied by several workers.
 */
class PaymentAppliersSideBySideIT extends IntegrationTest {

    private static final Actor ADMIN = new Actor("side-by-side-admin", Role.ADMIN);
    private static final int MEMBERS = 8;
    private static final int PURCHASES_EACH = 15;
    private static final int SUBSCRIPTIONS = 4;
    private static final int RENEWALS = 5;

    @RegisterExtension
    static final HearthNode nodeB = HearthNode.onTestDatabase().withWebServer().unthrottled()
            .with("--hearth.payments.applier.workers=3");

    @Value("${hearth.payments.stripe.webhook-secret}")
    String secret;

    @Value("${hearth.payments.applier.workers:4}")
    int nodeAWorkers;

    @Autowired
    Wallets wallets;

    @Test
    void purchasesAndSubscriptionsRecordedOnTwoNodesAreAppliedOnceAndEachSubscriptionInOrder() throws Exception {
        assertThat(nodeAWorkers).isEqualTo(4);
        assertThat(nodeB.context().getEnvironment().getProperty("hearth.payments.applier.workers")).isEqualTo("3");
        String run = unique().substring(0, 10);
        List<String> buyers = new ArrayList<>();
        for (int m = 0; m < MEMBERS; m++) {
            buyers.add(member("side-" + run + "-" + m, MonetizationVersion.V1_TOKENS));
        }
        List<String> subscribers = new ArrayList<>();
        for (int s = 0; s < SUBSCRIPTIONS; s++) {
            subscribers.add(member("side-sub-" + run + "-" + s, MonetizationVersion.V2_TIERS));
        }

        List<Callable<Integer>> senders = new ArrayList<>();
        for (int sender = 0; sender < 6; sender++) {
            int first = sender;
            senders.add(() -> {
                int sent = 0;
                for (int n = first; n < MEMBERS * PURCHASES_EACH; n += 6) {
                    String member = buyers.get(n % MEMBERS);
                    String body = stripePurchase("evt_side" + run + "_" + n, "pi_side" + run + "_" + n, member);
                    assertOk(signed(node(n), body));
                    sent++;
                }
                return sent;
            });
        }
        long started = Instant.now().minus(Duration.ofDays(200)).getEpochSecond();
        List<Long> lastEnds = new ArrayList<>();
        for (int s = 0; s < SUBSCRIPTIONS; s++) {
            String tag = run + "s" + s;
            String member = subscribers.get(s);
            lastEnds.add(started + (RENEWALS + 1) * 30L * 86_400);
            senders.add(() -> {
                for (int invoice = 0; invoice <= RENEWALS; invoice++) {
                    long paidAt = started + invoice * 30L * 86_400;
                    String body = stripeInvoice(tag, "in_" + tag + "_" + invoice, member, invoice == 0, paidAt,
                            paidAt + 30L * 86_400);
                    assertOk(signed(node(invoice), body));
                }
                return RENEWALS + 1;
            });
        }
        try (var pool = Executors.newFixedThreadPool(senders.size())) {
            for (Future<Integer> sent : pool.invokeAll(senders)) {
                assertThat(sent.get()).isPositive();
            }
        }
        PaymentsItSupport.awaitApplied(jdbc);
        // facts applied on node B reach node A's reads when the wallet projection has caught up (ADR 0048)
        Projections.awaitCaughtUp(jdbc, WalletProjection.PROCESSING_GROUP);

        for (String member : buyers) {
            assertThat(count("select count(*) from payment_fact where member_id = ? and status = 'APPLIED' "
                    + "and kind = 'ONE_TIME_PURCHASE'", member)).as(member).isEqualTo(PURCHASES_EACH);
            assertThat(count("select count(*) from domain_event_entry where aggregate_identifier = 'wallet:' || ? "
                    + "and payload_type = 'wallet.TokensPurchased'", member)).as(member).isEqualTo(PURCHASES_EACH);
            assertThat(as("member", member).get("/api/v1/me/wallet").body().get("tokens").get("paid").asLong())
                    .as(member).isEqualTo(PURCHASES_EACH * 100L);
        }
        assertThat(count("select count(*) from payment_inbox where provider_event_id like ? and applied_at is not null "
                + "and outcome = 'FACT_RECORDED'", "evt_side" + run + "%")).isEqualTo(MEMBERS * PURCHASES_EACH);
        for (int s = 0; s < SUBSCRIPTIONS; s++) {
            String member = subscribers.get(s);
            var statuses = jdbc.queryForList("select kind || ' ' || status || ' ' || coalesce(reason, '') "
                    + "from payment_fact where member_id = ? order by occurred_at", String.class, member);
            assertThat(statuses).as(member).hasSize(RENEWALS + 1)
                    .allSatisfy(status -> assertThat(status).contains(" APPLIED"));
            JsonNode tier = as("member", member).get("/api/v1/me/wallet").body().path("tier");
            assertThat(Instant.parse(tier.path("periodEnd").asString(""))).as(member)
                    .isEqualTo(Instant.ofEpochSecond(lastEnds.get(s)));
        }
        assertThat(count("select count(*) from payment_inbox where outcome = 'RECORDED'")).isZero();
    }

    /** Node A for even numbers, node B for odd ones. */
    private Api node(int number) {
        return number % 2 == 0 ? anonymous() : nodeB.api();
    }

    private Api.Response signed(Api api, String body) {
        return api.withHeader("Stripe-Signature", Fixtures.stripeSignature(body, secret,
                Instant.now().getEpochSecond())).postRaw("/api/v1/webhooks/stripe", body);
    }

    private int count(String sql, Object... arguments) {
        return jdbc.queryForObject(sql, Integer.class, arguments);
    }

    /** A registered member (V1 on registration), moved to {@code version} as an admin's migration would. */
    private String member(String member, MonetizationVersion version) {
        assertThat(as("member", member).put("/api/v1/me/profile", profile()).status()).isEqualTo(201);
        if (version == MonetizationVersion.V2_TIERS) {
            wallets.migrate(ADMIN, member, "to-v2-" + member, version, new ConversionRule("v1-to-v2", 1, 0, 0, 0),
                    false);
        }
        return member;
    }

}
